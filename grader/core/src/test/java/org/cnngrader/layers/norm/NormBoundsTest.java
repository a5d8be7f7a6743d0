package org.cnngrader.layers.norm;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.SplittableRandom;
import org.cnngrader.compare.ElementBounds;
import org.cnngrader.tensor.Shape;
import org.cnngrader.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * A normalization computed in double precision lies within half its rounding bound of the exact
 * value (computed with 50 significant digits), so two such computations lie within the bound of
 * each other: checked for out and dx, by two passes and by the one-pass variance, on inputs like
 * CS231n's and on values so close together that eps matters.
 */
class NormBoundsTest {

  private static final MathContext EXACT = new MathContext(50);

  private static Tensor normal(Shape shape, SplittableRandom random, double std, double mean) {
    double[] values = new double[shape.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = mean + std * random.nextGaussian();
    }
    return new Tensor(shape, values);
  }

  /** out and dx with 50 digits, by their formulas. */
  private static BigDecimal[][] exact(
      NormGrouping grouping, Tensor x, Tensor gamma, Tensor beta, Tensor dout, double eps) {
    int groups = grouping.groupCount();
    int m = grouping.groupSize();
    int[] groupOf = grouping.groupIndices();
    BigDecimal[] mean = new BigDecimal[groups];
    BigDecimal[] var = new BigDecimal[groups];
    BigDecimal[] std = new BigDecimal[groups];
    java.util.Arrays.fill(mean, BigDecimal.ZERO);
    java.util.Arrays.fill(var, BigDecimal.ZERO);
    for (int i = 0; i < x.size(); i++) {
      mean[groupOf[i]] = mean[groupOf[i]].add(new BigDecimal(x.get(i)));
    }
    BigDecimal size = BigDecimal.valueOf(m);
    for (int g = 0; g < groups; g++) {
      mean[g] = mean[g].divide(size, EXACT);
    }
    for (int i = 0; i < x.size(); i++) {
      BigDecimal d = new BigDecimal(x.get(i)).subtract(mean[groupOf[i]]);
      var[groupOf[i]] = var[groupOf[i]].add(d.multiply(d));
    }
    for (int g = 0; g < groups; g++) {
      var[g] = var[g].divide(size, EXACT);
      std[g] = var[g].add(new BigDecimal(eps)).sqrt(EXACT);
    }
    BigDecimal[] xHat = new BigDecimal[x.size()];
    BigDecimal[] out = new BigDecimal[x.size()];
    BigDecimal[] dxHat = new BigDecimal[x.size()];
    BigDecimal[] sum = new BigDecimal[groups];
    BigDecimal[] sumXHat = new BigDecimal[groups];
    java.util.Arrays.fill(sum, BigDecimal.ZERO);
    java.util.Arrays.fill(sumXHat, BigDecimal.ZERO);
    for (int i = 0; i < x.size(); i++) {
      int g = groupOf[i];
      int c = grouping.channelOf(i);
      xHat[i] = new BigDecimal(x.get(i)).subtract(mean[g]).divide(std[g], EXACT);
      out[i] = xHat[i].multiply(new BigDecimal(gamma.get(c))).add(new BigDecimal(beta.get(c)));
      dxHat[i] = new BigDecimal(dout.get(i)).multiply(new BigDecimal(gamma.get(c)));
      sum[g] = sum[g].add(dxHat[i]);
      sumXHat[g] = sumXHat[g].add(dxHat[i].multiply(xHat[i]));
    }
    BigDecimal[] dx = new BigDecimal[x.size()];
    for (int i = 0; i < x.size(); i++) {
      int g = groupOf[i];
      dx[i] =
          dxHat[i]
              .subtract(sum[g].divide(size, EXACT))
              .subtract(xHat[i].multiply(sumXHat[g]).divide(size, EXACT))
              .divide(std[g], EXACT);
    }
    return new BigDecimal[][] {out, dx};
  }

  /** out and dx in doubles: two passes, or the one-pass variance, and the three-term dx. */
  private static double[][] computed(
      NormGrouping grouping,
      Tensor x,
      Tensor gamma,
      Tensor beta,
      Tensor dout,
      double eps,
      boolean onePass) {
    int groups = grouping.groupCount();
    int m = grouping.groupSize();
    int[] groupOf = grouping.groupIndices();
    double[] mean = new double[groups];
    double[] squares = new double[groups];
    for (int i = x.size() - 1; i >= 0; i--) {
      mean[groupOf[i]] += x.get(i);
      squares[groupOf[i]] += x.get(i) * x.get(i);
    }
    double[] var = new double[groups];
    for (int g = 0; g < groups; g++) {
      mean[g] /= m;
      var[g] = onePass ? squares[g] / m - mean[g] * mean[g] : 0;
    }
    if (!onePass) {
      for (int i = 0; i < x.size(); i++) {
        double d = x.get(i) - mean[groupOf[i]];
        var[groupOf[i]] += d * d / m;
      }
    }
    double[] xHat = new double[x.size()];
    double[] out = new double[x.size()];
    double[] sum = new double[groups];
    double[] sumXHat = new double[groups];
    for (int i = 0; i < x.size(); i++) {
      int g = groupOf[i];
      int c = grouping.channelOf(i);
      xHat[i] = (x.get(i) - mean[g]) / Math.sqrt(var[g] + eps);
      out[i] = gamma.get(c) * xHat[i] + beta.get(c);
      double dxHat = dout.get(i) * gamma.get(c);
      sum[g] += dxHat;
      sumXHat[g] += dxHat * xHat[i];
    }
    double[] dx = new double[x.size()];
    for (int i = 0; i < x.size(); i++) {
      int g = groupOf[i];
      double dxHat = dout.get(i) * gamma.get(grouping.channelOf(i));
      dx[i] = (dxHat - sum[g] / m - xHat[i] * sumXHat[g] / m) / Math.sqrt(var[g] + eps);
    }
    return new double[][] {out, dx};
  }

  private static void assertWithinHalfTheBound(
      String what, double[] computed, BigDecimal[] exact, ElementBounds bounds) {
    double worst = 0;
    for (int i = 0; i < computed.length; i++) {
      double error = new BigDecimal(computed[i]).subtract(exact[i]).abs().doubleValue();
      double half = bounds.at(i) / 2;
      assertThat(error).as("%s[%d]", what, i).isLessThanOrEqualTo(half);
      worst = Math.max(worst, half == 0 ? 0 : error / half);
    }
    assertThat(worst).as(what + ": some rounding error is seen").isGreaterThan(0);
  }

  private static void check(
      Shape shape, int groups, double std, double mean, double eps, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    Tensor x = normal(shape, random, std, mean);
    Tensor gamma = normal(Shape.of(shape.dim(1)), random, 0.5, 1);
    Tensor beta = normal(Shape.of(shape.dim(1)), random, 1, 0);
    Tensor dout = normal(shape, random, 1, 0);
    NormGrouping grouping = NormGrouping.perGroup(shape, groups);
    NormBounds bounds = new NormBounds(NormStats.of(grouping, x, eps), x, gamma, beta, dout);
    BigDecimal[][] exact = exact(grouping, x, gamma, beta, dout, eps);
    for (boolean onePass : new boolean[] {false, true}) {
      double[][] computed = computed(grouping, x, gamma, beta, dout, eps, onePass);
      String how = onePass ? "one pass" : "two passes";
      assertWithinHalfTheBound(how + " out", computed[0], exact[0], bounds.of("out"));
      assertWithinHalfTheBound(how + " dx", computed[1], exact[1], bounds.of("dx"));
    }
  }

  @Test
  void cs231nLikeInputsComputedEitherWayLieWithinHalfTheBoundOfTheExactValues() {
    check(Shape.of(2, 6, 4, 5), 2, 5, 12, 1e-5, 1);
    check(Shape.of(4, 8, 8, 8), 4, 5, 12, 1e-5, 2);
  }

  @Test
  void valuesCloseTogetherWhereEpsMattersLieWithinHalfTheBoundToo() {
    check(Shape.of(2, 4, 3, 3), 2, 0.01, 3, 1e-5, 3);
    check(Shape.of(2, 4, 3, 3), 1, 1, 0, 1, 4);
  }
}
