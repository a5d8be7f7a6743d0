package org.cnngrader.layers.norm;

import org.cnngrader.tensor.Tensor;

/**
 * The statistics of a normalization in plain double arithmetic, per group: the mean, the variance
 * (biased unless the formula says otherwise), the mean of |x| and of x squared (what the rounding
 * bounds scale with), and each element's normalized value x_hat = (x - mean)/sqrt(var + eps).
 */
public final class NormStats {

  private final NormGrouping grouping;
  private final NormFormula formula;
  private final double eps;
  private final int[] groupOf;
  private final double[] mean;
  private final double[] variance;
  private final double[] meanAbs;
  private final double[] meanSquare;
  private final double[] xHat;

  private NormStats(NormGrouping grouping, NormFormula formula, Tensor x, double eps) {
    this.grouping = grouping;
    this.formula = formula;
    this.eps = eps;
    int groups = grouping.groupCount();
    int m = grouping.groupSize();
    groupOf = grouping.groupIndices();
    mean = new double[groups];
    meanAbs = new double[groups];
    meanSquare = new double[groups];
    for (int i = 0; i < x.size(); i++) {
      double v = x.get(i);
      mean[groupOf[i]] += v;
      meanAbs[groupOf[i]] += Math.abs(v);
      meanSquare[groupOf[i]] += v * v;
    }
    for (int g = 0; g < groups; g++) {
      mean[g] = formula.zeroMean() ? 0 : mean[g] / m;
      meanAbs[g] /= m;
      meanSquare[g] /= m;
    }
    variance = new double[groups];
    for (int i = 0; i < x.size(); i++) {
      double d = x.get(i) - mean[groupOf[i]];
      variance[groupOf[i]] += d * d;
    }
    for (int g = 0; g < groups; g++) {
      variance[g] /= formula.divisor(m);
    }
    xHat = new double[x.size()];
    for (int i = 0; i < x.size(); i++) {
      xHat[i] = (x.get(i) - mean[groupOf[i]]) / std(groupOf[i]);
    }
  }

  /** The statistics of {@code x} grouped as {@code grouping}, by the layers' formula. */
  public static NormStats of(NormGrouping grouping, Tensor x, double eps) {
    return of(grouping, NormFormula.STANDARD, x, eps);
  }

  /** The statistics of {@code x} grouped as {@code grouping}, by {@code formula}. */
  public static NormStats of(NormGrouping grouping, NormFormula formula, Tensor x, double eps) {
    if (formula.unbiased() && grouping.groupSize() < 2) {
      throw new IllegalArgumentException("an unbiased variance needs groups of 2 or more");
    }
    if (!x.shape().equals(grouping.x())) {
      throw new IllegalArgumentException(
          "x must have shape " + grouping.x() + ", found " + x.shape());
    }
    return new NormStats(grouping, formula, x, eps);
  }

  public NormGrouping grouping() {
    return grouping;
  }

  public NormFormula formula() {
    return formula;
  }

  public double eps() {
    return eps;
  }

  /** The group of element {@code i} of x. */
  public int groupOf(int i) {
    return groupOf[i];
  }

  public double mean(int g) {
    return mean[g];
  }

  /** The variance of group {@code g}: the sum of (x - mean)^2 over the formula's divisor. */
  public double variance(int g) {
    return variance[g];
  }

  /** The mean of |x| over group {@code g}. */
  public double meanAbs(int g) {
    return meanAbs[g];
  }

  /** The mean of x^2 over group {@code g}. */
  public double meanSquare(int g) {
    return meanSquare[g];
  }

  /** sqrt(var + eps) of group {@code g} (by the formula): what its elements are divided by. */
  public double std(int g) {
    return formula.std(variance[g], eps);
  }

  /** (x - mean)/sqrt(var + eps) of element {@code i}. */
  public double xHat(int i) {
    return xHat[i];
  }
}
