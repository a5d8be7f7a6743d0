package org.cnngrader.grading;

import java.util.List;
import org.cnngrader.execution.InputChange;

/**
 * Something wrong that costs no points by itself, shown beside a part's verdict: decided by {@link
 * CaseGrader}, worded by the feedback package.
 */
public sealed interface Warning {

  /** A call modified one of its inputs; grading used the parent's own copy regardless. */
  record InputModified(InputChange change) implements Warning {}

  /** Threads the student's code started were still running after the case; they were stopped. */
  record ThreadsLeftRunning(List<String> names) implements Warning {
    public ThreadsLeftRunning {
      names = List.copyOf(names);
    }
  }
}
