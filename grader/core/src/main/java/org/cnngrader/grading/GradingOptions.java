package org.cnngrader.grading;

import java.time.Duration;
import java.util.Optional;
import org.cnngrader.execution.Limits;
import org.cnngrader.fixture.Credit;
import org.cnngrader.inspect.FindingKind;
import org.cnngrader.inspect.Policy;

/**
 * How submissions are graded (the layers are the fixtures'): the child's limits, the compiler's
 * time limit (default 60 s), the policy of the static check (default: warn of every finding), the
 * credit of every values part, when it overrides the fixtures' (default: as each fixture says), and
 * the hidden cases drawn at grading time (default: none).
 */
public record GradingOptions(
    Limits limits,
    Duration compileTimeout,
    Policy policy,
    Optional<Credit> credit,
    RandomCases randomCases) {

  public static final GradingOptions DEFAULT =
      new GradingOptions(
          Limits.DEFAULT,
          Duration.ofSeconds(60),
          Policy.DEFAULT,
          Optional.empty(),
          RandomCases.NONE);

  public GradingOptions {
    if (randomCases == null) {
      throw new IllegalArgumentException("random cases must be given, NONE for none");
    }
    if (credit == null) {
      throw new IllegalArgumentException("credit must be given, empty to follow the fixtures");
    }
    if (policy == null) {
      throw new IllegalArgumentException("policy must be given");
    }
    if (limits == null) {
      throw new IllegalArgumentException("limits must be given");
    }
    if (compileTimeout == null || compileTimeout.isNegative() || compileTimeout.isZero()) {
      throw new IllegalArgumentException(
          "compile timeout must be positive, found " + compileTimeout);
    }
  }

  /**
   * Every setting that can change a grade, one "name=value" line each in a fixed order: what a
   * stored result is keyed by, so that a rerun with other limits or another policy grades again.
   */
  public String gradeChangingSettings() {
    StringBuilder text = new StringBuilder();
    text.append("call_timeout_ms=").append(limits.callTimeout().toMillis()).append('\n');
    text.append("submission_timeout_ms=")
        .append(limits.submissionTimeout().toMillis())
        .append('\n');
    text.append("start_timeout_ms=").append(limits.startTimeout().toMillis()).append('\n');
    text.append("heap_mb=").append(limits.heapMegabytes()).append('\n');
    text.append("native_mb=").append(limits.nativeMegabytes()).append('\n');
    text.append("stack_kb=").append(limits.stackKilobytes()).append('\n');
    text.append("compile_timeout_ms=").append(compileTimeout.toMillis()).append('\n');
    for (FindingKind kind : FindingKind.values()) {
      text.append("policy.")
          .append(kind.policyKey())
          .append('=')
          .append(policy.actionFor(kind).key())
          .append('\n');
    }
    text.append("credit=").append(credit.map(Credit::key).orElse("as-fixtures")).append('\n');
    text.append("random_cases=").append(randomCases.count()).append('\n');
    text.append("random_seed=").append(randomCases.any() ? randomCases.seed() : 0).append('\n');
    return text.toString();
  }

  public GradingOptions withLimits(Limits newLimits) {
    return new GradingOptions(newLimits, compileTimeout, policy, credit, randomCases);
  }

  public GradingOptions withPolicy(Policy newPolicy) {
    return new GradingOptions(limits, compileTimeout, newPolicy, credit, randomCases);
  }

  /** {@code cases} drawn at grading time, beside the fixtures. */
  public GradingOptions withRandomCases(RandomCases cases) {
    return new GradingOptions(limits, compileTimeout, policy, credit, cases);
  }

  /** Every values part graded under {@code newCredit}, whatever the fixtures say. */
  public GradingOptions withCredit(Credit newCredit) {
    return new GradingOptions(limits, compileTimeout, policy, Optional.of(newCredit), randomCases);
  }
}
