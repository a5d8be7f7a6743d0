package org.cnngrader.reference;

import org.cnngrader.layers.norm.NormFormula;
import org.cnngrader.layers.norm.NormGrouping;
import org.cnngrader.tensor.Shape;
import org.cnngrader.tensor.Tensor;

/**
 * A normalization and its gradients in plain loops, as a student would write them: each group's
 * mean, then its variance by the one-pass formula mean(x^2) - mean^2 (another algorithm than the
 * reference's two passes, so that a comparison tests the bounds too), then CS231n's staged backward
 * through dvar and dmean.
 */
final class PlainNorm {

  private final NormGrouping grouping;
  private final Tensor x;
  private final Tensor gamma;
  private final int[] groupOf;
  private final double[] mean;
  private final double[] variance;
  private final double[] std;
  private final double[] root;
  private final int k;
  private final NormFormula formula;

  PlainNorm(NormGrouping grouping, NormFormula formula, Tensor x, Tensor gamma, double eps) {
    this.grouping = grouping;
    this.formula = formula;
    this.x = x;
    this.gamma = gamma;
    int groups = grouping.groupCount();
    int m = grouping.groupSize();
    k = formula.divisor(m);
    groupOf = grouping.groupIndices();
    mean = new double[groups];
    double[] squares = new double[groups];
    for (int i = x.size() - 1; i >= 0; i--) {
      mean[groupOf[i]] += x.get(i);
      squares[groupOf[i]] += x.get(i) * x.get(i);
    }
    variance = new double[groups];
    std = new double[groups];
    root = new double[groups];
    for (int g = 0; g < groups; g++) {
      mean[g] /= m;
      variance[g] = (squares[g] - m * mean[g] * mean[g]) / k;
      root[g] = Math.sqrt(variance[g]);
      std[g] = formula.std(variance[g], eps);
    }
  }

  private int channel(int i) {
    return grouping.channelOf(i);
  }

  Tensor out(Tensor beta) {
    double[] out = new double[x.size()];
    for (int i = 0; i < out.length; i++) {
      int g = groupOf[i];
      out[i] = gamma.get(channel(i)) * ((x.get(i) - mean[g]) / std[g]) + beta.get(channel(i));
    }
    return new Tensor(x.shape(), out);
  }

  /** CS231n's staged backward: dxhat, then dvar and dmean per group, then dx. */
  Tensor dx(Tensor dout) {
    int groups = grouping.groupCount();
    int m = grouping.groupSize();
    double[] dvar = new double[groups];
    double[] dmean = new double[groups];
    double[] centredSum = new double[groups];
    for (int i = 0; i < x.size(); i++) {
      int g = groupOf[i];
      double dxHat = dout.get(i) * gamma.get(channel(i));
      double derivative =
          formula.epsInsideRoot()
              ? -0.5 * Math.pow(std[g], -3)
              : -0.5 / (root[g] * std[g] * std[g]);
      dvar[g] += dxHat * (x.get(i) - mean[g]) * derivative;
      dmean[g] += -dxHat / std[g];
      centredSum[g] += -2 * (x.get(i) - mean[g]);
    }
    double[] dx = new double[x.size()];
    for (int i = 0; i < dx.length; i++) {
      int g = groupOf[i];
      double dxHat = dout.get(i) * gamma.get(channel(i));
      dx[i] =
          dxHat / std[g]
              + dvar[g] * 2 * (x.get(i) - mean[g]) / k
              + (dmean[g] + dvar[g] * centredSum[g] / k) / m;
    }
    return new Tensor(x.shape(), dx);
  }

  Tensor dgamma(Tensor dout) {
    int channels = x.shape().dim(1);
    double[] sums = new double[channels];
    for (int i = 0; i < x.size(); i++) {
      int g = groupOf[i];
      sums[channel(i)] += dout.get(i) * (x.get(i) - mean[g]) / std[g];
    }
    return new Tensor(Shape.of(channels), sums);
  }

  Tensor dbeta(Tensor dout) {
    int channels = x.shape().dim(1);
    double[] sums = new double[channels];
    for (int i = 0; i < x.size(); i++) {
      sums[channel(i)] += dout.get(i);
    }
    return new Tensor(Shape.of(channels), sums);
  }
}
