package org.cnngrader.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The probe's centred differences equal a correct backward, and tell a backward that does not
 * follow from its own forward apart from one that does.
 */
class GradientProbeTest {

  // Arrays on purpose: the contract's Gradients record has array components.
  @SuppressWarnings("ArrayRecordComponent")
  record Grads(double[][][][] dx, double[][][][] dw, double[] db) {}

  /** A plain convolution with a knob for its mistakes. */
  abstract static class Loops {
    final int stride;
    final int pad;
    double[][][][] x;
    double[][][][] w;

    Loops(int stride, int pad) {
      this.stride = stride;
      this.pad = pad;
    }

    /** Forward's factor: 1 for a correct layer. */
    double forwardScale() {
      return 1;
    }

    /** Backward's dx factor: forwardScale() when backward follows forward. */
    double dxScale() {
      return forwardScale();
    }

    public double[][][][] forward(double[][][][] x, double[][][][] w, double[] b) {
      this.x = x;
      this.w = w;
      int n = x.length;
      int f = w.length;
      int hOut = (x[0][0].length - w[0][0].length + 2 * pad) / stride + 1;
      int wOut = (x[0][0][0].length - w[0][0][0].length + 2 * pad) / stride + 1;
      double[][][][] out = new double[n][f][hOut][wOut];
      for (int i = 0; i < n; i++) {
        for (int k = 0; k < f; k++) {
          for (int r = 0; r < hOut; r++) {
            for (int s = 0; s < wOut; s++) {
              double sum = b[k];
              for (int c = 0; c < x[0].length; c++) {
                for (int p = 0; p < w[0][0].length; p++) {
                  for (int q = 0; q < w[0][0][0].length; q++) {
                    sum += at(x, i, c, r * stride + p - pad, s * stride + q - pad) * w[k][c][p][q];
                  }
                }
              }
              out[i][k][r][s] = forwardScale() * sum;
            }
          }
        }
      }
      return out;
    }

    public Grads backward(double[][][][] dout) {
      double[][][][] dx = new double[x.length][x[0].length][x[0][0].length][x[0][0][0].length];
      double[][][][] dw = new double[w.length][w[0].length][w[0][0].length][w[0][0][0].length];
      double[] db = new double[w.length];
      for (int i = 0; i < dout.length; i++) {
        for (int k = 0; k < dout[0].length; k++) {
          for (int r = 0; r < dout[0][0].length; r++) {
            for (int s = 0; s < dout[0][0][0].length; s++) {
              double g = dout[i][k][r][s] * forwardScale();
              db[k] += g;
              for (int c = 0; c < x[0].length; c++) {
                for (int p = 0; p < w[0][0].length; p++) {
                  for (int q = 0; q < w[0][0][0].length; q++) {
                    int h = r * stride + p - pad;
                    int v = s * stride + q - pad;
                    if (h >= 0 && h < x[0][0].length && v >= 0 && v < x[0][0][0].length) {
                      dx[i][c][h][v] += dout[i][k][r][s] * dxScale() * w[k][c][p][q];
                      dw[k][c][p][q] += g * x[i][c][h][v];
                    }
                  }
                }
              }
            }
          }
        }
      }
      return new Grads(dx, dw, db);
    }

    private static double at(double[][][][] x, int i, int c, int h, int v) {
      return h < 0 || v < 0 || h >= x[0][0].length || v >= x[0][0][0].length ? 0 : x[i][c][h][v];
    }
  }

  static class Correct extends Loops {
    Correct(int stride, int pad) {
      super(stride, pad);
    }
  }

  /** Forward twice too large, and backward the gradient of that: consistent, though wrong. */
  static class ScaledButConsistent extends Loops {
    ScaledButConsistent(int stride, int pad) {
      super(stride, pad);
    }

    @Override
    double forwardScale() {
      return 2;
    }
  }

  /** A correct forward whose dx is three times too large. */
  static class BackwardOff extends Loops {
    BackwardOff(int stride, int pad) {
      super(stride, pad);
    }

    @Override
    double dxScale() {
      return 3;
    }
  }

  /** Forward that returns nothing to differentiate. */
  static class NullForward extends Loops {
    NullForward(int stride, int pad) {
      super(stride, pad);
    }

    @Override
    public double[][][][] forward(double[][][][] x, double[][][][] w, double[] b) {
      return null;
    }
  }

  private static CaseCall.Inputs small() {
    double[][][][] x = new double[2][2][5][5];
    double[][][][] w = new double[2][2][3][3];
    int n = 0;
    for (double[][][] sample : x) {
      for (double[][] channel : sample) {
        for (double[] row : channel) {
          for (int i = 0; i < row.length; i++) {
            row[i] = ((n++ * 5) % 17 - 8) / 8.0;
          }
        }
      }
    }
    for (double[][][] filter : w) {
      for (double[][] channel : filter) {
        for (double[] row : channel) {
          for (int i = 0; i < row.length; i++) {
            row[i] = ((n++ * 3) % 11 - 5) / 5.0;
          }
        }
      }
    }
    return new CaseCall.Inputs(
        Map.of(
            "stride",
            2,
            "pad",
            1,
            "x",
            x,
            "w",
            w,
            "b",
            new double[] {0.5, -0.25},
            "dout",
            new double[0][0][0][0]));
  }

  private static GradientProbe.Gradients probe(Class<?> type) throws Throwable {
    StudentLayer layer =
        StudentLayer.find(Contracts.conv2d(type), GradientProbeTest.class.getClassLoader());
    assertThat(layer.problems()).isEmpty();
    return new GradientProbe(layer, small()).run();
  }

  private static double[][][][] dx(GradientProbe.Gradients found) {
    return (double[][][][]) found.numerical().get("dx");
  }

  private static double[][][][] dw(GradientProbe.Gradients found) {
    return (double[][][][]) found.numerical().get("dw");
  }

  private static double maxDifference(double[][][][] a, double[][][][] b) {
    double max = 0;
    for (int i = 0; i < a.length; i++) {
      for (int j = 0; j < a[i].length; j++) {
        for (int k = 0; k < a[i][j].length; k++) {
          for (int l = 0; l < a[i][j][k].length; l++) {
            max = Math.max(max, Math.abs(a[i][j][k][l] - b[i][j][k][l]));
          }
        }
      }
    }
    return max;
  }

  @Test
  void centredDifferencesOfACorrectForwardEqualItsBackward() throws Throwable {
    GradientProbe.Gradients found = probe(Correct.class);

    assertThat(maxDifference(dx(found), (double[][][][]) found.analytic().get("dx")))
        .isLessThan(1e-8);
    assertThat(maxDifference(dw(found), (double[][][][]) found.analytic().get("dw")))
        .isLessThan(1e-8);
    assertThat((double[]) found.numerical().get("db"))
        .containsExactly(
            (double[]) found.analytic().get("db"), org.assertj.core.data.Offset.offset(1e-8));
    assertThat(maxDifference(dx(found), new double[2][2][5][5])).isGreaterThan(0.1);
  }

  @Test
  void aBackwardThatFollowsAWrongForwardAgreesWithIt() throws Throwable {
    GradientProbe.Gradients found = probe(ScaledButConsistent.class);

    assertThat(maxDifference(dx(found), (double[][][][]) found.analytic().get("dx")))
        .isLessThan(1e-8);
  }

  @Test
  void aBackwardThatDoesNotFollowItsForwardDisagrees() throws Throwable {
    GradientProbe.Gradients found = probe(BackwardOff.class);

    assertThat(maxDifference(dx(found), (double[][][][]) found.analytic().get("dx")))
        .isGreaterThan(0.1);
    assertThat(maxDifference(dw(found), (double[][][][]) found.analytic().get("dw")))
        .isLessThan(1e-8);
  }

  @Test
  void aForwardThatReturnsNothingLeavesNothingToDifferentiate() {
    assertThatThrownBy(() -> probe(NullForward.class))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("forward returned no out");
  }

  /** out = tanh(x w) in float, and its gradients in float. */
  static class FloatTanh {
    float[][] x;
    float[][] w;
    float[][] out;

    FloatTanh() {}

    /** Backward's dx factor: 1 when backward follows forward. */
    float dxScale() {
      return 1;
    }

    public float[][] forward(float[][] x, float[][] w) {
      this.x = x;
      this.w = w;
      out = new float[x.length][w[0].length];
      for (int n = 0; n < x.length; n++) {
        for (int m = 0; m < w[0].length; m++) {
          float sum = 0;
          for (int d = 0; d < w.length; d++) {
            sum += x[n][d] * w[d][m];
          }
          out[n][m] = (float) Math.tanh(sum);
        }
      }
      return out;
    }

    public FloatGrads backward(float[][] dout) {
      float[][] dx = new float[x.length][w.length];
      float[][] dw = new float[w.length][w[0].length];
      for (int n = 0; n < x.length; n++) {
        for (int m = 0; m < w[0].length; m++) {
          float dz = dout[n][m] * (1 - out[n][m] * out[n][m]);
          for (int d = 0; d < w.length; d++) {
            dx[n][d] += dxScale() * dz * w[d][m];
            dw[d][m] += dz * x[n][d];
          }
        }
      }
      return new FloatGrads(dx, dw);
    }
  }

  /** A dx wrong by a tenth of itself: beyond what rounding in float explains. */
  static class FloatTanhOff extends FloatTanh {
    @Override
    float dxScale() {
      return 1.1f;
    }
  }

  // Arrays on purpose: the contract's record has array components.
  @SuppressWarnings("ArrayRecordComponent")
  record FloatGrads(float[][] dx, float[][] dw) {}

  /** CS231n's softmax loss on float scores and int labels: a double, and dscores in float. */
  static class FloatSoftmaxLoss {
    float[][] probs;
    int[] y;

    FloatSoftmaxLoss() {}

    public double forward(float[][] scores, int[] y) {
      this.y = y;
      probs = new float[scores.length][];
      double loss = 0;
      for (int n = 0; n < scores.length; n++) {
        float max = Float.NEGATIVE_INFINITY;
        for (float s : scores[n]) {
          max = Math.max(max, s);
        }
        float total = 0;
        probs[n] = new float[scores[n].length];
        for (int c = 0; c < scores[n].length; c++) {
          probs[n][c] = (float) Math.exp(scores[n][c] - max);
          total += probs[n][c];
        }
        for (int c = 0; c < scores[n].length; c++) {
          probs[n][c] /= total;
        }
        loss -= Math.log(probs[n][y[n]]);
      }
      return loss / scores.length;
    }

    public float[][] backward() {
      float[][] dscores = new float[probs.length][];
      for (int n = 0; n < probs.length; n++) {
        dscores[n] = probs[n].clone();
        dscores[n][y[n]] -= 1;
        for (int c = 0; c < dscores[n].length; c++) {
          dscores[n][c] /= probs.length;
        }
      }
      return dscores;
    }
  }

  static LayerContract floatTanh(Class<?> type) {
    return new LayerContract(
        type.getName(),
        List.of(),
        List.of(
            new Step(
                "forward",
                "forward",
                List.of(
                    Argument.value("x", ValueType.FLOAT2), Argument.value("w", ValueType.FLOAT2)),
                new Result.Value("out", ValueType.FLOAT2),
                List.of()),
            new Step(
                "backward",
                "backward",
                List.of(Argument.value("dout", ValueType.FLOAT2)),
                Result.RecordOf.of(
                    "FloatGrads",
                    Result.RecordOf.component("dx", ValueType.FLOAT2),
                    Result.RecordOf.component("dw", ValueType.FLOAT2)),
                List.of("forward"))),
        new Backprop(
            "forward", "out", "backward", "dout", Contracts.gradientsOf("dx", "x", "dw", "w")));
  }

  static LayerContract floatSoftmaxLoss(Class<?> type) {
    return new LayerContract(
        type.getName(),
        List.of(),
        List.of(
            new Step(
                "forward",
                "forward",
                List.of(
                    Argument.value("scores", ValueType.FLOAT2),
                    Argument.value("y", ValueType.INTS1)),
                new Result.Value("loss", ValueType.DOUBLE),
                List.of()),
            new Step(
                "backward",
                "backward",
                List.of(),
                new Result.Value("dscores", ValueType.FLOAT2),
                List.of("forward"))),
        new Backprop(
            "forward", "loss", "backward", null, Contracts.gradientsOf("dscores", "scores")));
  }

  private static float[][] floats(int rows, int columns, int seed) {
    float[][] values = new float[rows][columns];
    int n = seed;
    for (float[] row : values) {
      for (int i = 0; i < row.length; i++) {
        row[i] = ((n++ * 5) % 17 - 8) / 8.1f;
      }
    }
    return values;
  }

  private static GradientProbe.Gradients probeFloats(Class<?> type) throws Throwable {
    StudentLayer layer =
        StudentLayer.find(floatTanh(type), GradientProbeTest.class.getClassLoader());
    assertThat(layer.problems()).isEmpty();
    Map<String, Object> values = new java.util.LinkedHashMap<>();
    values.put("x", floats(3, 4, 1));
    values.put("w", floats(4, 2, 7));
    values.put("dout", new float[0][0]);
    return new GradientProbe(layer, new CaseCall.Inputs(values)).run();
  }

  /** The largest difference beyond the float check's relative tolerance (0 when all agree). */
  private static double beyondFloatTolerance(double[][] centred, float[][] given) {
    ProbePrecision precision = ProbePrecision.FLOAT;
    double worst = 0;
    for (int i = 0; i < centred.length; i++) {
      for (int j = 0; j < centred[i].length; j++) {
        double difference = Math.abs(centred[i][j] - given[i][j]);
        double scale = Math.abs(centred[i][j]) + Math.abs(given[i][j]);
        if (difference > precision.absoluteFloor() && difference > precision.relative() * scale) {
          worst = Math.max(worst, difference);
        }
      }
    }
    return worst;
  }

  @Test
  void centredDifferencesOfAFloatForwardAgreeWithItsFloatBackwardAtFloatPrecision()
      throws Throwable {
    GradientProbe.Gradients found = probeFloats(FloatTanh.class);

    double[][] dx = (double[][]) found.numerical().get("dx");
    assertThat(beyondFloatTolerance(dx, (float[][]) found.analytic().get("dx"))).isZero();
    assertThat(
            beyondFloatTolerance(
                (double[][]) found.numerical().get("dw"), (float[][]) found.analytic().get("dw")))
        .isZero();
    assertThat(Math.abs(dx[0][0])).isGreaterThan(0.1);
  }

  @Test
  void aFloatBackwardOffByATenthDisagrees() throws Throwable {
    GradientProbe.Gradients found = probeFloats(FloatTanhOff.class);

    assertThat(
            beyondFloatTolerance(
                (double[][]) found.numerical().get("dx"), (float[][]) found.analytic().get("dx")))
        .isGreaterThan(1e-2);
  }

  @Test
  void aLossOfFloatScoresIsDifferentiatedItselfAndItsLabelsAreNeverMoved() throws Throwable {
    StudentLayer layer =
        StudentLayer.find(
            floatSoftmaxLoss(FloatSoftmaxLoss.class), GradientProbeTest.class.getClassLoader());
    int[] labels = {1, 0, 2};
    Map<String, Object> values = new java.util.LinkedHashMap<>();
    values.put("scores", floats(3, 3, 2));
    values.put("y", labels);

    GradientProbe.Gradients found = new GradientProbe(layer, new CaseCall.Inputs(values)).run();

    assertThat(layer.problems()).isEmpty();
    assertThat(found.numerical()).containsOnlyKeys("dscores");
    assertThat(
            beyondFloatTolerance(
                (double[][]) found.numerical().get("dscores"),
                (float[][]) found.analytic().get("dscores")))
        .isZero();
    assertThat(labels).containsExactly(1, 0, 2);
  }
}
