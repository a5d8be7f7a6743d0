package org.cnngrader.execution;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cnngrader.resources.ChildUsage;
import org.cnngrader.runner.LayerContract;

/**
 * What the child JVMs reported for a submission: one execution per group of cases, the outcome of
 * the gradient check of each layer one was asked for and there was time for, what each child used,
 * and the CPU time charged to each layer's cases (what a course pays for the layer).
 */
public record SubmissionRun(
    List<Execution> executions,
    Map<LayerContract, CallOutcome<ProbedGradients>> gradientChecks,
    List<ChildUsage> children,
    Map<LayerContract, Duration> caseCpu) {

  public SubmissionRun {
    executions = List.copyOf(executions);
    children = List.copyOf(children);
    gradientChecks = Collections.unmodifiableMap(new LinkedHashMap<>(gradientChecks));
    caseCpu = Collections.unmodifiableMap(new LinkedHashMap<>(caseCpu));
  }
}
