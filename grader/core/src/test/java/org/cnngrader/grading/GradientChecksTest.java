package org.cnngrader.grading;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.cnngrader.execution.ProbedGradients;
import org.cnngrader.execution.StepOutputs;
import org.cnngrader.layers.conv2d.Conv2dLayer;
import org.cnngrader.layers.conv2d.ConvGeometry;
import org.cnngrader.tensor.Tensor;
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

  private static ProbedGradients probed(StepOutputs analytic) {
    Map<String, Object> numerical = new LinkedHashMap<>();
    numerical.put("dx", filled(2, 2, 5, 5, 0.5));
    numerical.put("dw", filled(2, 2, 3, 3, -0.25));
    numerical.put("db", new double[] {3, 4});
    return new ProbedGradients(analytic, Answers.read(numerical));
  }

  private static StepOutputs gradients(Object dx, Object dw, Object db) {
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("dx", dx);
    values.put("dw", dw);
    values.put("db", db);
    return Answers.outputs(values);
  }

  @Test
  void gradientsEqualToTheCentredDifferencesAgreeAndOthersDisagree() {
    GradientCheck check =
        GradientChecks.decide(
            Conv2dLayer.LAYER,
            probed(
                gradients(filled(2, 2, 5, 5, 0.5), filled(2, 2, 3, 3, 0.25), new double[] {3, 4})));

    assertThat(check.gradients().get("dx")).isInstanceOf(GradientCheck.Agrees.class);
    assertThat(check.gradients().get("dw")).isInstanceOf(GradientCheck.Disagrees.class);
    assertThat(check.gradients().get("db")).isInstanceOf(GradientCheck.Agrees.class);
    assertThat(check.smallCase()).isEqualTo(GradientChecks.smallCaseSetting(Conv2dLayer.LAYER));
  }

  @Test
  void noGradientsOrGradientsOfAnotherShapeAreNotCompared() {
    GradientCheck none = GradientChecks.decide(Conv2dLayer.LAYER, probed(null));
    GradientCheck transposed =
        GradientChecks.decide(
            Conv2dLayer.LAYER,
            probed(gradients(filled(2, 2, 5, 4, 0.5), filled(2, 2, 3, 3, -0.25), null)));

    assertThat(none.gradients().get("dx"))
        .isEqualTo(new GradientCheck.Unusable("backward returned no dx"));
    assertThat(transposed.gradients().get("dx"))
        .isEqualTo(
            new GradientCheck.Unusable(
                "backward's dx has shape [2, 2, 5, 4] where its input has [2, 2, 5, 5]"));
    assertThat(transposed.gradients().get("db"))
        .isEqualTo(new GradientCheck.Unusable("backward returned no db"));
  }

  @Test
  void theSmallCaseFitsTheFormulaWithStrideAndPadding() {
    ConvGeometry small = ConvGeometry.of(GradientChecks.smallCaseSetting(Conv2dLayer.LAYER));
    assertThat(small.fits()).isTrue();
    assertThat(small.stride()).isGreaterThan(1);
    assertThat(small.pad()).isPositive();
    assertThat(GradientChecks.smallCaseInputs(Conv2dLayer.LAYER).values().get("x"))
        .extracting(x -> ((Tensor) x).shape())
        .isEqualTo(small.xShape());
  }
}
