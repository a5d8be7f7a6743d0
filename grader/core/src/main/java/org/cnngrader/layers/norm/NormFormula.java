package org.cnngrader.layers.norm;

/**
 * How a normalization turns a group's values into x_hat: the variance divided by m (biased, as the
 * layers are) or by m - 1 (unbiased), eps under the square root, sqrt(var + eps), or after it,
 * sqrt(var) + eps, and the mean taken or left at 0 ({@code zeroMean}: Java's integer division,
 * {@code 1 / m} is 0, makes every mean 0, and the variance then the mean of x^2). Only the first of
 * each is right; the others are typical mistakes, whose references and bounds come from the same
 * code.
 */
public record NormFormula(boolean unbiased, boolean epsInsideRoot, boolean zeroMean) {

  /** The layers' formula: (x - mean)/sqrt(var + eps) with the biased variance. */
  public static final NormFormula STANDARD = new NormFormula(false, true, false);

  /** The mean by integer division, 1 / m * sum(x) = 0; the variance then sum(x^2)/m. */
  public static final NormFormula ZERO_MEAN = new NormFormula(false, true, true);

  /** A formula that takes the mean. */
  public NormFormula(boolean unbiased, boolean epsInsideRoot) {
    this(unbiased, epsInsideRoot, false);
  }

  /** The variance's divisor for a group of {@code m} values. */
  public int divisor(int m) {
    return unbiased ? m - 1 : m;
  }

  /** What x - mean is divided by, for a group whose variance (by this formula) is {@code var}. */
  public double std(double var, double eps) {
    return epsInsideRoot ? Math.sqrt(var + eps) : Math.sqrt(var) + eps;
  }

  /**
   * 2 f'(var) f(var), where f is {@link #std}: the factor of the variance's path in dx (1 when eps
   * is under the root).
   */
  public double variancePathFactor(double var, double eps) {
    if (epsInsideRoot) {
      return 1;
    }
    double root = Math.sqrt(Math.max(var, Double.MIN_NORMAL));
    return (root + eps) / root;
  }
}
