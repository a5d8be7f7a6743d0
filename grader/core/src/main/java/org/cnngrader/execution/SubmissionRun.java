package org.cnngrader.execution;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cnngrader.resources.ChildUsage;
import org.cnngrader.runner.LayerContract;

/**
 * What the child JVMs reported for a submission: one execution per group of cases, the outcome of
 * the gradient check of each layer one was asked for and there was time for, and what each child
 * used.
 */
public record SubmissionRun(
    List<Execution> executions,
    Map<LayerContract, CallOutcome<ProbedGradients>> gradientChecks,
    List<ChildUsage> children) {

  public SubmissionRun {
    executions = List.copyOf(executions);
    children = List.copyOf(children);
    gradientChecks = Collections.unmodifiableMap(new LinkedHashMap<>(gradientChecks));
  }
}
