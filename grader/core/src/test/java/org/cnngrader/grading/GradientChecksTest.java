package org.cnngrader.grading;

import static org.assertj.core.api.Assertions.assertThat;

import org.cnngrader.execution.ProbedGradients;
import org.cnngrader.execution.ReturnedGradients;
import org.cnngrader.fixture.Part;
import org.junit.jupiter.api.Test;

/** How the gradient check's findings are decided from what the child found. */
class GradientChecksTest {

  private static double[][][][] filled(int n, int c, int h, int w, double value) {
    double[][][][] t = new double[n][c][h][w];
    for (double[][][] a : t) {
      for (double[][] b : a) {
        for (double[] row : b) {
          java.util.Arrays.fill(row, value);
        }
      }
    }
    return t;
  }

  private static ProbedGradients probed(ReturnedGradients analytic) {
    return new ProbedGradients(
        analytic, filled(2, 2, 5, 5, 0.5), filled(2, 2, 3, 3, -0.25), new double[] {3, 4});
  }

  @Test
  void gradientsEqualToTheCentredDifferencesAgreeAndOthersDisagree() {
    GradientCheck check =
        GradientChecks.decide(
            probed(
                new ReturnedGradients(
                    filled(2, 2, 5, 5, 0.5), filled(2, 2, 3, 3, 0.25), new double[] {3, 4})));

    assertThat(check.gradients().get(Part.DX)).isInstanceOf(GradientCheck.Agrees.class);
    assertThat(check.gradients().get(Part.DW)).isInstanceOf(GradientCheck.Disagrees.class);
    assertThat(check.gradients().get(Part.DB)).isInstanceOf(GradientCheck.Agrees.class);
    assertThat(check.smallCase()).isEqualTo(GradientChecks.SMALL_CASE);
  }

  @Test
  void noGradientsOrGradientsOfAnotherShapeAreNotCompared() {
    GradientCheck none = GradientChecks.decide(probed(null));
    GradientCheck transposed =
        GradientChecks.decide(
            probed(
                new ReturnedGradients(filled(2, 2, 5, 4, 0.5), filled(2, 2, 3, 3, -0.25), null)));

    assertThat(none.gradients().get(Part.DX))
        .isEqualTo(new GradientCheck.Unusable("backward returned no dx"));
    assertThat(transposed.gradients().get(Part.DX))
        .isEqualTo(
            new GradientCheck.Unusable(
                "backward's dx has shape [2, 2, 5, 4] where its input has [2, 2, 5, 5]"));
    assertThat(transposed.gradients().get(Part.DB))
        .isEqualTo(new GradientCheck.Unusable("backward returned no db"));
  }

  @Test
  void theSmallCaseFitsTheFormulaWithStrideAndPadding() {
    assertThat(GradientChecks.SMALL_CASE.fits()).isTrue();
    assertThat(GradientChecks.SMALL_CASE.stride()).isGreaterThan(1);
    assertThat(GradientChecks.SMALL_CASE.pad()).isPositive();
    assertThat(GradientChecks.smallCaseInputs().x().shape())
        .isEqualTo(GradientChecks.SMALL_CASE.xShape());
  }
}
