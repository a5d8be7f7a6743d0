package org.cnngrader.inspect;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A submission's findings judged by a policy: which findings stop it from running, which are shown
 * as warnings. Findings whose kind the policy ignores are in neither list.
 *
 * @param findings as {@link StaticScanner#scan} returns them
 * @param policy what each kind of finding costs
 */
public record Inspection(List<Finding> findings, Policy policy) {

  public Inspection {
    findings = List.copyOf(Objects.requireNonNull(findings, "findings"));
    Objects.requireNonNull(policy, "policy");
  }

  /** Scans {@code classesRoot} and judges its findings by {@code policy}. */
  public static Inspection of(Path classesRoot, Policy policy) throws IOException {
    return new Inspection(StaticScanner.scan(classesRoot), policy);
  }

  /** True when a finding's kind is {@link Policy.Action#ZERO}: the submission must not be run. */
  public boolean zeroes() {
    return !zeroing().isEmpty();
  }

  /** The findings that zero the submission, in scan order. */
  public List<Finding> zeroing() {
    return withAction(Policy.Action.ZERO);
  }

  /** The findings to show as warnings, in scan order. */
  public List<Finding> warnings() {
    return withAction(Policy.Action.WARN);
  }

  /** What {@code finding} costs under this inspection's policy. */
  public Policy.Action actionFor(Finding finding) {
    return policy.actionFor(finding.kind());
  }

  private List<Finding> withAction(Policy.Action action) {
    return findings.stream().filter(finding -> actionFor(finding) == action).toList();
  }
}
