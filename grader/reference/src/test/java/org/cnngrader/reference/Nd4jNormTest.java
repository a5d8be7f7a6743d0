package org.cnngrader.reference;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.SplittableRandom;
import org.cnngrader.compare.BoundedDifference;
import org.cnngrader.compare.ElementBounds;
import org.cnngrader.layers.norm.NormBounds;
import org.cnngrader.layers.norm.NormFormula;
import org.cnngrader.layers.norm.NormGrouping;
import org.cnngrader.layers.norm.NormStats;
import org.cnngrader.tensor.Shape;
import org.cnngrader.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * The normalization ND4J's operations compose agrees with plain loops written another way (a
 * one-pass variance, CS231n's staged backward) within the rounding bounds, for every grouping the
 * layers and their mistakes use and every formula; the bounds are tight enough to mean something.
 */
class Nd4jNormTest {

  private static final Shape X = Shape.of(3, 6, 4, 5);

  private static final List<NormGrouping> GROUPINGS =
      List.of(
          NormGrouping.perChannel(X),
          NormGrouping.perGroup(X, 2),
          NormGrouping.perGroup(X, 3),
          NormGrouping.perSample(X),
          NormGrouping.perGroup(X, 6),
          NormGrouping.perPosition(X));

  private static final List<NormFormula> FORMULAS =
      List.of(NormFormula.STANDARD, new NormFormula(true, true), new NormFormula(false, false));

  /** CS231n's inputs: 5 * randn + 12. */
  private static Tensor normal(Shape shape, SplittableRandom random, double std, double mean) {
    double[] values = new double[shape.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = mean + std * random.nextGaussian();
    }
    return new Tensor(shape, values);
  }

  private static void assertAgrees(String what, Tensor nd4j, Tensor plain, ElementBounds bounds) {
    BoundedDifference difference = BoundedDifference.of(nd4j, plain, bounds);
    assertThat(difference.agrees())
        .as("%s: ratio %s at %s", what, difference.ratio(), difference.boundAtWorst())
        .isTrue();
  }

  @Test
  void everyGroupingAndFormulaAgreesWithPlainLoopsWithinTheBounds() {
    SplittableRandom random = new SplittableRandom(15);
    for (NormGrouping grouping : GROUPINGS) {
      for (NormFormula formula : FORMULAS) {
        for (double eps : new double[] {1e-5, 0.1}) {
          Tensor x = normal(X, random, 5, 12);
          Tensor gamma = normal(Shape.of(6), random, 1, 1);
          Tensor beta = normal(Shape.of(6), random, 1, 0);
          Tensor dout = normal(X, random, 1, 0);
          String what = grouping.reduced() + " " + formula + " eps " + eps;
          Nd4jNorm nd4j = new Nd4jNorm(grouping, formula, x, gamma, beta, eps);
          PlainNorm plain = new PlainNorm(grouping, formula, x, gamma, eps);
          NormBounds bounds =
              new NormBounds(NormStats.of(grouping, formula, x, eps), x, gamma, beta, dout);

          assertAgrees(what + " out", nd4j.out(), plain.out(beta), bounds.of("out"));
          assertAgrees(what + " dx", nd4j.dx(dout), plain.dx(dout), bounds.of("dx"));
          assertAgrees(
              what + " dgamma", nd4j.dgamma(dout), plain.dgamma(dout), bounds.of("dgamma"));
          assertAgrees(what + " dbeta", nd4j.dbeta(dout), plain.dbeta(dout), bounds.of("dbeta"));
        }
      }
    }
  }

  @Test
  void theBoundsAreFarBelowTheGradersTolerance() {
    SplittableRandom random = new SplittableRandom(16);
    Tensor x = normal(X, random, 5, 12);
    Tensor gamma = normal(Shape.of(6), random, 1, 1);
    Tensor beta = normal(Shape.of(6), random, 1, 0);
    Tensor dout = normal(X, random, 1, 0);
    NormGrouping grouping = NormGrouping.perGroup(X, 2);
    NormBounds bounds = new NormBounds(NormStats.of(grouping, x, 1e-5), x, gamma, beta, dout);
    Nd4jNorm nd4j = new Nd4jNorm(grouping, NormFormula.STANDARD, x, gamma, beta, 1e-5);

    for (String tensor : List.of("out", "dx")) {
      Tensor values = tensor.equals("out") ? nd4j.out() : nd4j.dx(dout);
      double largest = 0;
      for (int i = 0; i < values.size(); i++) {
        largest = Math.max(largest, Math.abs(values.get(i)));
      }
      assertThat(bounds.of(tensor).ceiling()).as(tensor).isLessThan(1e-11 * largest);
    }
  }

  @Test
  void theStatisticsOfAGroupAreThoseOfItsElements() {
    Tensor x = new Tensor(Shape.of(1, 2, 1, 2), new double[] {1, 3, 10, 14});
    NormStats perChannel = NormStats.of(NormGrouping.perChannel(x.shape()), x, 0);

    assertThat(perChannel.mean(0)).isEqualTo(2);
    assertThat(perChannel.variance(0)).isEqualTo(1);
    assertThat(perChannel.mean(1)).isEqualTo(12);
    assertThat(perChannel.variance(1)).isEqualTo(4);
    assertThat(perChannel.xHat(3)).isEqualTo(1);
  }
}
