package org.cnngrader.grading;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.cnngrader.compare.ValueComparison;
import org.cnngrader.layer.Setting;

/**
 * CS231n's gradient check on the student's own code: on a small case of one layer, the centred
 * differences of the student's forward beside the student's backward, per gradient (by its tensor's
 * name). It carries no points: it tells "your backward does not match your own forward" apart from
 * "your forward is wrong too".
 */
public record GradientCheck(Setting smallCase, Map<String, Agreement> gradients) {

  /** The largest relative error at which backward still follows from forward. */
  public static final double TOLERANCE = 1e-6;

  /**
   * The largest difference at which an element still agrees whatever its relative error: a gradient
   * near zero (the upstream gradients of its windows cancelling) has a large relative error from
   * rounding alone. Each centred difference divides two losses' rounding, about n * u * sum |out *
   * dout| each (n = 36 products on the small cases: below 1e-14), by 2h = 2e-5: below 1e-9, a
   * hundred times under this, while a wrong gradient is wrong by the size of an upstream gradient's
   * share (1e-2 and more).
   */
  public static final double ABSOLUTE_FLOOR = 1e-7;

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

  /** Every element within {@link #TOLERANCE}. */
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
