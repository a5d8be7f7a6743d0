package org.cnngrader.grading;

import java.time.Duration;
import javax.lang.model.SourceVersion;
import org.cnngrader.execution.Limits;

/**
 * How submissions are graded: the student class to load (default {@code cnn.Conv2d}), the child's
 * limits and the compiler's time limit (default 60 s).
 */
public record GradingOptions(String className, Limits limits, Duration compileTimeout) {

  public static final String DEFAULT_CLASS = "cnn.Conv2d";
  public static final GradingOptions DEFAULT =
      new GradingOptions(DEFAULT_CLASS, Limits.DEFAULT, Duration.ofSeconds(60));

  public GradingOptions {
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
    return new GradingOptions(className, newLimits, compileTimeout);
  }

  public GradingOptions withClassName(String name) {
    return new GradingOptions(name, limits, compileTimeout);
  }
}
