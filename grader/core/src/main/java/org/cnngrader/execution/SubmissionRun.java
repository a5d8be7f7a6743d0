package org.cnngrader.execution;

import java.util.List;
import java.util.Optional;

/**
 * What the child JVMs reported for a submission: one execution per group of cases, and the outcome
 * of the gradient check when one was asked for and there was time for it.
 */
public record SubmissionRun(
    List<Execution> executions, Optional<CallOutcome<ProbedGradients>> gradientCheck) {

  public SubmissionRun {
    executions = List.copyOf(executions);
  }
}
