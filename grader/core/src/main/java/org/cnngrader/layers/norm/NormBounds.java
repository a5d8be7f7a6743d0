package org.cnngrader.layers.norm;

import org.cnngrader.bounds.LayerBounds;
import org.cnngrader.compare.ElementBounds;
import org.cnngrader.compare.SumErrorBound;
import org.cnngrader.tensor.Tensor;

/**
 * The rounding bounds of a normalization, out = gamma * (x - mean)/sqrt(var + eps) + beta, and of
 * its gradients, from a first-order error analysis of each step (u the unit roundoff, gamma(k) = k
 * u/(1 - k u) as in {@link SumErrorBound}), per group of m elements with mean |x| A and mean x^2 Q:
 *
 * <ul>
 *   <li>mean: gamma(m + 1) A, summed in any order and divided;
 *   <li>variance: 2 gamma(m + 4) Q + 2 |mean| E(mean) + 2 E(mean)^2, which covers the two-pass mean
 *       of (x - mean)^2 and the one-pass mean of x^2 minus mean^2 alike (the shifted mean adds
 *       E(mean)^2; x^2 and mean^2 are at most Q);
 *   <li>s = sqrt(var + eps): (E(var) + u (var + eps))/(2 s) + u s;
 *   <li>x_hat: (E(mean) + u |x - mean|)/s + |x_hat| (E(s)/s + 2u), and out: |gamma| E(x_hat) + 2u
 *       (|gamma x_hat| + |beta|);
 *   <li>dbeta and dgamma: sums over N, H and W ({@link SumErrorBound}), dgamma with each x_hat's
 *       error times |dout|;
 *   <li>dx = (dxhat - sum(dxhat)/m - x_hat sum(dxhat x_hat)/m)/s with dxhat = dout gamma: gamma(m +
 *       6) times the magnitudes of its three terms (sums of magnitudes, which bound every
 *       arrangement of the same formula, CS231n's staged graph included), the error of x_hat in the
 *       third term and inside its sum, and the relative error of s.
 * </ul>
 *
 * Two correct computations each lie within these of the exact values, so they differ by at most
 * twice as much; the first-order analysis leaves out products of errors, covered by another factor
 * of two: {@link #FACTOR}. The same analysis bounds the mistakes' formulas ({@link NormFormula}):
 * an unbiased variance scales the variance's error by m/(m - 1), eps after the root changes the
 * root's error and the weight of the variance's path in dx.
 */
public final class NormBounds implements LayerBounds {

  /** Two computations, each within the first-order bound doubled. */
  public static final double FACTOR = 4;

  private static final double U = SumErrorBound.UNIT_ROUNDOFF;

  private final NormStats stats;
  private final Tensor gamma;
  private final double[] xHatError;
  private final double[] stdError;
  private final double[] meanError;
  private final double[] varianceError;
  private final double[] out;
  private double[] dx;
  private double[] dgamma;
  private double[] dbeta;

  /**
   * The bounds of normalizing {@code x} as {@code stats} did, scaled by {@code gamma} and shifted
   * by {@code beta} (one per channel); {@code dout} may be null for the forward pass alone.
   */
  public NormBounds(NormStats stats, Tensor x, Tensor gamma, Tensor beta, Tensor dout) {
    this.stats = stats;
    this.gamma = gamma;
    NormGrouping grouping = stats.grouping();
    int groups = grouping.groupCount();
    int m = grouping.groupSize();
    NormFormula formula = stats.formula();
    double perDivisor = (double) m / formula.divisor(m);
    meanError = new double[groups];
    varianceError = new double[groups];
    stdError = new double[groups];
    for (int g = 0; g < groups; g++) {
      double s = stats.std(g);
      meanError[g] = gamma(m + 1) * stats.meanAbs(g);
      varianceError[g] =
          (2 * gamma(m + 4) * stats.meanSquare(g)
                  + 2 * Math.abs(stats.mean(g)) * meanError[g]
                  + 2 * meanError[g] * meanError[g])
              * perDivisor;
      double var = stats.variance(g);
      stdError[g] =
          formula.epsInsideRoot()
              ? (varianceError[g] + U * (var + stats.eps())) / (2 * s) + U * s
              // sqrt(var + e) - sqrt(var) is at most e/(2 sqrt(var)) and at most sqrt(e).
              : Math.min(varianceError[g] / (2 * Math.sqrt(var)), Math.sqrt(varianceError[g]))
                  + 2 * U * s;
    }
    xHatError = new double[x.size()];
    out = new double[x.size()];
    for (int i = 0; i < x.size(); i++) {
      int g = stats.groupOf(i);
      double s = stats.std(g);
      double xHat = Math.abs(stats.xHat(i));
      xHatError[i] =
          (meanError[g] + U * Math.abs(x.get(i) - stats.mean(g))) / s
              + xHat * (stdError[g] / s + 2 * U);
      double scale = Math.abs(gamma.get(grouping.channelOf(i)));
      out[i] =
          scale * xHatError[i] + 2 * U * (scale * xHat + Math.abs(beta.get(grouping.channelOf(i))));
    }
    if (dout != null) {
      backward(dout);
    }
  }

  private void backward(Tensor dout) {
    NormGrouping grouping = stats.grouping();
    int groups = grouping.groupCount();
    int m = grouping.groupSize();
    double[] dxHatSum = new double[groups];
    double[] dxHatXHatSum = new double[groups];
    double[] dxHatXHatErrorSum = new double[groups];
    int channels = grouping.x().dim(1);
    double[] doutSum = new double[channels];
    double[] doutXHatSum = new double[channels];
    double[] doutXHatErrorSum = new double[channels];
    for (int i = 0; i < dout.size(); i++) {
      int g = stats.groupOf(i);
      int c = grouping.channelOf(i);
      double d = Math.abs(dout.get(i));
      double dxHat = d * Math.abs(gamma.get(c));
      double xHat = Math.abs(stats.xHat(i));
      dxHatSum[g] += dxHat;
      dxHatXHatSum[g] += dxHat * xHat;
      dxHatXHatErrorSum[g] += dxHat * xHatError[i];
      doutSum[c] += d;
      doutXHatSum[c] += d * xHat;
      doutXHatErrorSum[c] += d * xHatError[i];
    }
    dx = new double[dout.size()];
    for (int i = 0; i < dout.size(); i++) {
      int g = stats.groupOf(i);
      double s = stats.std(g);
      double dxHat = Math.abs(dout.get(i) * gamma.get(grouping.channelOf(i)));
      double xHat = Math.abs(stats.xHat(i));
      double p = dxHatSum[g] / m;
      double path =
          stats.formula().variancePathFactor(stats.variance(g), stats.eps())
              * m
              / stats.formula().divisor(m);
      double r = path * dxHatXHatSum[g] / m;
      double magnitude = dxHat + p + xHat * r;
      dx[i] =
          (gamma(m + 6) * magnitude + xHatError[i] * r + xHat * path * dxHatXHatErrorSum[g] / m) / s
              + magnitude / s * (stdError[g] / s + 2 * U);
    }
    int perChannel = dout.size() / channels;
    dgamma = new double[channels];
    dbeta = new double[channels];
    for (int c = 0; c < channels; c++) {
      dgamma[c] = gamma(perChannel + 1) * doutXHatSum[c] + doutXHatErrorSum[c];
      dbeta[c] = gamma(perChannel) * doutSum[c];
    }
  }

  @Override
  public ElementBounds of(String tensor) {
    double[] errors =
        switch (tensor) {
          case "out" -> out;
          case "dx" -> dx;
          case "dgamma" -> dgamma;
          case "dbeta" -> dbeta;
          default ->
              throw new IllegalArgumentException("a normalization computes no tensor " + tensor);
        };
    if (errors == null) {
      throw new IllegalArgumentException("no dout was given: only out has bounds");
    }
    return bounds(errors);
  }

  /** The error of group {@code g}'s mean, for statistics kept across batches. */
  public double meanError(int g) {
    return meanError[g];
  }

  /** The error of group {@code g}'s biased variance. */
  public double varianceError(int g) {
    return varianceError[g];
  }

  /** Bounds on the difference of two computations, from one computation's errors. */
  public static ElementBounds bounds(double[] errors) {
    double[] bounds = new double[errors.length];
    double ceiling = 0;
    for (int i = 0; i < errors.length; i++) {
      bounds[i] = FACTOR * errors[i];
      ceiling = Math.max(ceiling, bounds[i]);
    }
    return ElementBounds.withCeiling(ceiling, index -> bounds[index]);
  }

  /** gamma(k) = k u/(1 - k u). */
  static double gamma(int k) {
    double ku = k * U;
    return ku / (1 - ku);
  }
}
