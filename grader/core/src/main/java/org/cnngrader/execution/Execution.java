package org.cnngrader.execution;

import java.util.List;
import java.util.Map;
import org.cnngrader.runner.Member;

/**
 * Everything the child JVMs reported for one submission: contract problems, one run per case (in
 * the order of the inputs), and what the student's code printed.
 */
public record Execution(
    Map<Member, String> contractProblems, List<CaseRun> runs, CapturedOutput output) {

  public Execution {
    contractProblems = Map.copyOf(contractProblems);
    runs = List.copyOf(runs);
  }
}
