package org.cnngrader.runner;

/**
 * The check of CS231n's eval_numerical_gradient, run on the student's own code: the gradient of L =
 * sum(forward(x, w, b) * dout) by centred differences, beside what the student's backward returns
 * for the same dout. It tells a backward that disagrees with its own forward apart from one that
 * follows a forward that is wrong.
 */
final class GradientProbe {

  /** The step of the centred differences: small, yet far above the rounding of the sums. */
  static final double STEP = 1e-5;

  /** What the probe found: backward's dx, dw and db (null when it returned none), and L's. */
  @SuppressWarnings("ArrayRecordComponent") // arrays as they go over the wire
  record Gradients(Object[] analytic, double[][][][] dx, double[][][][] dw, double[] db) {}

  private final StudentLayer layer;
  private final CaseCall.Inputs inputs;
  private double[][][][] dout;

  GradientProbe(StudentLayer layer, CaseCall.Inputs inputs) {
    this.layer = layer;
    this.inputs = inputs;
  }

  /**
   * Runs forward once, backward on a fixed dout of forward's shape, then forward again around every
   * input element.
   *
   * @throws Throwable whatever the student's code throws, or an IllegalStateException when forward
   *     returns nothing to differentiate
   */
  Gradients run() throws Throwable {
    Object instance = layer.construct(inputs.stride(), inputs.pad());
    double[][][][] out =
        asTensor(layer.forward(instance, copy(inputs.x()), copy(inputs.w()), inputs.b().clone()));
    dout = pattern(out);
    Object[] analytic = layer.backward(instance, copy(dout));
    double[][][][] x = copy(inputs.x());
    double[][][][] w = copy(inputs.w());
    double[] b = inputs.b().clone();
    double[][][][] dx = numerical4(x, x, w, b);
    double[][][][] dw = numerical4(w, x, w, b);
    double[] db = new double[b.length];
    for (int i = 0; i < b.length; i++) {
      db[i] = centred(b, i, x, w, b);
    }
    return new Gradients(analytic, dx, dw, db);
  }

  /** dL/d(target) for every element of {@code target}, which is one of x and w. */
  private double[][][][] numerical4(
      double[][][][] target, double[][][][] x, double[][][][] w, double[] b) throws Throwable {
    double[][][][] gradient = new double[target.length][][][];
    for (int i = 0; i < target.length; i++) {
      gradient[i] = new double[target[i].length][][];
      for (int j = 0; j < target[i].length; j++) {
        gradient[i][j] = new double[target[i][j].length][];
        for (int k = 0; k < target[i][j].length; k++) {
          double[] row = target[i][j][k];
          gradient[i][j][k] = new double[row.length];
          for (int l = 0; l < row.length; l++) {
            gradient[i][j][k][l] = centred(row, l, x, w, b);
          }
        }
      }
    }
    return gradient;
  }

  /** (L(v + h) - L(v - h)) / 2h for the element {@code index} of {@code row}, restored after. */
  private double centred(double[] row, int index, double[][][][] x, double[][][][] w, double[] b)
      throws Throwable {
    double value = row[index];
    row[index] = value + STEP;
    double plus = loss(x, w, b);
    row[index] = value - STEP;
    double minus = loss(x, w, b);
    row[index] = value;
    return (plus - minus) / (2 * STEP);
  }

  /** sum(forward(x, w, b) * dout), on a fresh instance given copies, as every case is. */
  private double loss(double[][][][] x, double[][][][] w, double[] b) throws Throwable {
    Object instance = layer.construct(inputs.stride(), inputs.pad());
    double[][][][] out = asTensor(layer.forward(instance, copy(x), copy(w), b.clone()));
    double sum = 0;
    for (int i = 0; i < dout.length; i++) {
      for (int j = 0; j < dout[i].length; j++) {
        for (int k = 0; k < dout[i][j].length; k++) {
          for (int l = 0; l < dout[i][j][k].length; l++) {
            sum += out[i][j][k][l] * dout[i][j][k][l];
          }
        }
      }
    }
    return sum;
  }

  /**
   * Forward's result as a regular 4-d tensor, the same shape each time: anything else leaves
   * nothing to differentiate.
   */
  private double[][][][] asTensor(Object result) {
    if (!(result instanceof double[][][][] out)) {
      throw new IllegalStateException("forward returned no double[][][][]");
    }
    for (int i = 0; i < out.length; i++) {
      if (out[i] == null) {
        throw new IllegalStateException("forward's result has a null sample");
      }
      for (int j = 0; j < out[i].length; j++) {
        if (out[i][j] == null) {
          throw new IllegalStateException("forward's result has a null channel");
        }
        for (int k = 0; k < out[i][j].length; k++) {
          if (out[i][j][k] == null) {
            throw new IllegalStateException("forward's result has a null row");
          }
        }
      }
    }
    if (dout != null && !sameShape(out, dout)) {
      throw new IllegalStateException("forward's result changes shape when its inputs change");
    }
    return out;
  }

  private static boolean sameShape(double[][][][] a, double[][][][] b) {
    if (a.length != b.length) {
      return false;
    }
    for (int i = 0; i < a.length; i++) {
      if (a[i].length != b[i].length) {
        return false;
      }
      for (int j = 0; j < a[i].length; j++) {
        if (a[i][j].length != b[i][j].length) {
          return false;
        }
        for (int k = 0; k < a[i][j].length; k++) {
          if (a[i][j][k].length != b[i][j][k].length) {
            return false;
          }
        }
      }
    }
    return true;
  }

  /** A fixed dout of {@code out}'s shape, values between -1 and 1 that no symmetry cancels. */
  private static double[][][][] pattern(double[][][][] out) {
    double[][][][] pattern = new double[out.length][][][];
    int n = 0;
    for (int i = 0; i < out.length; i++) {
      pattern[i] = new double[out[i].length][][];
      for (int j = 0; j < out[i].length; j++) {
        pattern[i][j] = new double[out[i][j].length][];
        for (int k = 0; k < out[i][j].length; k++) {
          pattern[i][j][k] = new double[out[i][j][k].length];
          for (int l = 0; l < pattern[i][j][k].length; l++) {
            pattern[i][j][k][l] = ((n++ * 7) % 13 - 6) / 6.0;
          }
        }
      }
    }
    return pattern;
  }

  private static double[][][][] copy(double[][][][] tensor) {
    return (double[][][][]) InputChanges.copy(tensor);
  }
}
