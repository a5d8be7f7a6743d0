package org.cnngrader.grading;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.cnngrader.compare.ValueComparison;
import org.cnngrader.layer.Setting;
import org.cnngrader.runner.ProbePrecision;

/**
 * CS231n's gradient check on the student's own code: on a small case of one layer, the centred
 * differences of the student's forward beside the student's backward, per gradient (by its tensor's
 * name). It carries no points: it tells "your backward does not match your own forward" apart from
 * "your forward is wrong too".
 */
public record GradientCheck(Setting smallCase, Map<String, Agreement> gradients) {

  /**
   * The largest relative error at which backward still follows from forward, on double inputs
   * (float inputs: {@link ProbePrecision#FLOAT}).
   */
  public static final double TOLERANCE = ProbePrecision.DOUBLE.relative();

  /**
   * The largest difference at which an element still agrees whatever its relative error, on double
   * inputs: a gradient near zero (the upstream gradients of its windows cancelling) has a large
   * relative error from rounding alone ({@link ProbePrecision} says why this much).
   */
  public static final double ABSOLUTE_FLOOR = ProbePrecision.DOUBLE.absoluteFloor();

  public GradientCheck {
    gradients = Collections.unmodifiableMap(new LinkedHashMap<>(gradients));
    var backprop = smallCase.layer().contract().backprop();
    for (String gradient : gradients.keySet()) {
      if (backprop == null || !backprop.inputOf().containsKey(gradient)) {
        throw new IllegalArgumentException(
            "a gradient check of " + smallCase.layer().id() + " compares no " + gradient);
      }
    }
  }

  /** How backward's gradient compares with the centred differences of forward. */
  public sealed interface Agreement {}

  /** Every element within the tolerance of its precision ({@link ProbePrecision}). */
  public record Agrees(ValueComparison comparison) implements Agreement {}

  /** Some element beyond it, or not finite. */
  public record Disagrees(ValueComparison comparison) implements Agreement {}

  /** Backward gave nothing to compare: no gradient, or one of another shape. */
  public record Unusable(String why) implements Agreement {}

  /**
   * What the check says of one failing backward part, knowing whether forward passed on every case
   * of the layer ({@code forwardPassed}).
   */
  public record Finding(GradientCheck check, String gradient, boolean forwardPassed) {

    public Finding {
      if (!check.gradients().containsKey(gradient)) {
        throw new IllegalArgumentException("the check did not compare " + gradient);
      }
    }

    public Agreement agreement() {
      return check.gradients().get(gradient);
    }
  }
}
