package org.cnngrader.grading;

import java.time.Duration;
import javax.lang.model.SourceVersion;
import org.cnngrader.execution.Limits;
import org.cnngrader.inspect.Policy;

/**
 * How submissions are graded: the student class to load (default {@code cnn.Conv2d}), the child's
 * limits, the compiler's time limit (default 60 s) and the policy of the static check (default:
 * warn of every finding).
 */
public record GradingOptions(
    String className, Limits limits, Duration compileTimeout, Policy policy) {

  public static final String DEFAULT_CLASS = "cnn.Conv2d";
  public static final GradingOptions DEFAULT =
      new GradingOptions(DEFAULT_CLASS, Limits.DEFAULT, Duration.ofSeconds(60), Policy.DEFAULT);

  public GradingOptions {
    if (policy == null) {
      throw new IllegalArgumentException("policy must be given");
    }
    if (limits == null) {
      throw new IllegalArgumentException("limits must be given");
    }
    if (className == null || !SourceVersion.isName(className)) {
      throw new IllegalArgumentException(
          "class name must be a qualified Java name, found " + className);
    }
    if (compileTimeout == null || compileTimeout.isNegative() || compileTimeout.isZero()) {
      throw new IllegalArgumentException(
          "compile timeout must be positive, found " + compileTimeout);
    }
  }

  public GradingOptions withLimits(Limits newLimits) {
    return new GradingOptions(className, newLimits, compileTimeout, policy);
  }

  public GradingOptions withClassName(String name) {
    return new GradingOptions(name, limits, compileTimeout, policy);
  }

  public GradingOptions withPolicy(Policy newPolicy) {
    return new GradingOptions(className, limits, compileTimeout, newPolicy);
  }
}
