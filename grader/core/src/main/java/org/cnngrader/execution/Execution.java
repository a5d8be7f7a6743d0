package org.cnngrader.execution;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cnngrader.runner.LayerContract;
import org.cnngrader.runner.Member;

/**
 * Everything the child JVMs reported for one submission: contract problems per layer, one run per
 * case (in the order of the inputs), what the student's code printed, and how long each child took
 * to start and report on the contract.
 */
public record Execution(
    Map<LayerContract, Map<Member, String>> contractProblems,
    List<CaseRun> runs,
    CapturedOutput output,
    List<Duration> childStarts) {

  public Execution {
    contractProblems = Collections.unmodifiableMap(new LinkedHashMap<>(contractProblems));
    runs = List.copyOf(runs);
    childStarts = List.copyOf(childStarts);
  }
}
