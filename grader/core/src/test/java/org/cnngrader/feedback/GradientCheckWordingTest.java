package org.cnngrader.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.cnngrader.compare.ValueComparison;
import org.cnngrader.grading.GradientCheck;
import org.cnngrader.layers.conv2d.ConvGeometry;
import org.cnngrader.layers.conv2d.ConvParams;
import org.cnngrader.tensor.Shape;
import org.junit.jupiter.api.Test;

/** What the gradient check tells a student, in each of its four findings and when it cannot. */
class GradientCheckWordingTest {

  private static final ConvGeometry SMALL =
      new ConvGeometry(2, 2, 5, 5, 2, 3, 3, new ConvParams(2, 1));

  private static ValueComparison comparison(double error, int off) {
    return new ValueComparison(
        Shape.of(2, 2, 5, 5), error, new int[] {0, 1, 2, 3}, 0.5, 1.5, off, 0, 0, 1e-6);
  }

  private static String words(GradientCheck.Agreement dx, boolean forwardPassed) {
    GradientCheck check = new GradientCheck(SMALL.setting(), Map.of("dx", dx));
    return FeedbackWriter.gradientCheck(new GradientCheck.Finding(check, "dx", forwardPassed));
  }

  @Test
  void aBackwardThatFollowsAWrongForwardSendsTheStudentToForward() {
    assertThat(words(new GradientCheck.Agrees(comparison(3.1e-11, 0)), false))
        .isEqualTo(
            "Gradient check on a small case (x [2, 2, 5, 5], w [2, 2, 3, 3], b [2], stride 2, pad 1): your"
                + " dx matches the centred differences of your own forward (relative error"
                + " 3.1e-11), so your backward is consistent with your forward: the mistake is in"
                + " forward; fix forward first.");
  }

  @Test
  void aBackwardThatFollowsARightForwardGoesWrongAtTheCasesSizesOnly() {
    assertThat(words(new GradientCheck.Agrees(comparison(3.1e-11, 0)), true))
        .endsWith(
            "so your backward is consistent with your forward: it goes wrong at this case's"
                + " sizes only.");
  }

  @Test
  void aBackwardThatDoesNotFollowItsForwardIsWhereTheMistakeIs() {
    assertThat(words(new GradientCheck.Disagrees(comparison(0.5, 12)), true))
        .endsWith(
            "your dx does not match the centred differences of your own forward (relative error"
                + " 5.0e-01 at dx[0][1][2][3]): the mistake is in backward.");
    assertThat(words(new GradientCheck.Disagrees(comparison(0.5, 12)), false))
        .endsWith("the mistake is in backward, and your forward is wrong too.");
  }

  @Test
  void aGradientThatCannotBeComparedSaysWhy() {
    assertThat(words(new GradientCheck.Unusable("backward returned no dx"), false))
        .endsWith("stride 2, pad 1): not compared: backward returned no dx.");
  }
}
