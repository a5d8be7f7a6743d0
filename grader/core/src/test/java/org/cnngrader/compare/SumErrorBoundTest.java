package org.cnngrader.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SumErrorBoundTest {

  @Test
  void isTwiceGammaOfTheTermsTimesTheMagnitudes() {
    double u = 0x1p-53;
    double gamma = 27 * u / (1 - 27 * u);

    assertThat(SumErrorBound.of(27, 10.0)).isEqualTo(2 * gamma * 10.0 / (1 - gamma));
    assertThat(SumErrorBound.of(27, 10.0)).isCloseTo(2 * 27 * u * 10.0, within(1e-25));
  }

  @Test
  void isZeroForAnEmptySumOrOneOfZeros() {
    assertThat(SumErrorBound.of(0, 5.0)).isZero();
    assertThat(SumErrorBound.of(12, 0.0)).isZero();
  }

  @Test
  void refusesNegativeOrUndefinedInputs() {
    assertThatThrownBy(() -> SumErrorBound.of(-1, 1.0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("terms and magnitudes must be >= 0, found -1 and 1.0");
    assertThatThrownBy(() -> SumErrorBound.of(3, Double.NaN))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /**
   * The bound holds for sums in the most different orders there are: forwards, backwards and
   * pairwise, of products of random signs and sizes, many with heavy cancellation.
   */
  @Test
  void boundsTheDifferenceOfSumsInDifferentOrders() {
    SplittableRandom random = new SplittableRandom(20261202L);
    double largestRatio = 0;
    for (int trial = 0; trial < 2000; trial++) {
      int n = random.nextInt(2, 600);
      double[] products = new double[n];
      double magnitudes = 0;
      for (int i = 0; i < n; i++) {
        double a = random.nextDouble(-1, 1) * Math.pow(10, random.nextInt(-3, 4));
        double b = random.nextDouble(-1, 1);
        products[i] = a * b;
        magnitudes += Math.abs(products[i]);
      }
      double forwards = 0;
      for (int i = 0; i < n; i++) {
        forwards += products[i];
      }
      double backwards = 0;
      for (int i = n - 1; i >= 0; i--) {
        backwards += products[i];
      }
      double pairwise = pairwise(products, 0, n);
      double bound = SumErrorBound.of(n, magnitudes);
      for (double other : new double[] {backwards, pairwise}) {
        largestRatio = Math.max(largestRatio, Math.abs(forwards - other) / bound);
      }
    }
    assertThat(largestRatio).isGreaterThan(0).isLessThanOrEqualTo(1);
  }

  private static double pairwise(double[] values, int from, int to) {
    if (to - from == 1) {
      return values[from];
    }
    int middle = (from + to) >>> 1;
    return pairwise(values, from, middle) + pairwise(values, middle, to);
  }
}
