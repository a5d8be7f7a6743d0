package org.cnngrader.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.cnngrader.tensor.Shape;
import org.cnngrader.tensor.Tensor;
import org.junit.jupiter.api.Test;

class RelativeErrorTest {

  @Test
  void isTheDifferenceOverTheSumOfMagnitudes() {
    assertThat(RelativeError.between(1.0, 1.5)).isEqualTo(0.5 / 2.5);
    assertThat(RelativeError.between(-2.0, 2.0)).isEqualTo(1.0);
    assertThat(RelativeError.between(3.0, 3.0)).isZero();
  }

  @Test
  void isFlooredNearZeroSoThatTinyDifferencesOfTinyValuesPass() {
    assertThat(RelativeError.between(0.0, 1e-12)).isEqualTo(1e-12 / 1e-8);
  }

  @Test
  void staysAFractionWhenTheSumOfTheMagnitudesOverflows() {
    assertThat(RelativeError.between(1e308, -1e308)).isEqualTo(1.0);
    assertThat(RelativeError.between(Double.MAX_VALUE, Double.MAX_VALUE)).isZero();
    // (M/2 - M/4) / (M/2 + M/4), each halving exact: within two roundings of a third.
    assertThat(RelativeError.between(Double.MAX_VALUE, Double.MAX_VALUE / 2))
        .isCloseTo(1.0 / 3, within(2 * Math.ulp(1.0 / 3)));
  }

  @Test
  void isInfiniteForNaNAndInfinity() {
    assertThat(RelativeError.between(1.0, Double.NaN)).isInfinite();
    assertThat(RelativeError.between(1.0, Double.POSITIVE_INFINITY)).isInfinite();
    assertThat(RelativeError.between(Double.NaN, Double.NaN)).isInfinite();
  }

  @Test
  void comparisonGivesEachElementTheErrorThatBetweenGives() {
    double[][] pairs = {
      {0.0, 1e-12},
      {1e-9, -1e-9},
      {-0.0, 0.0},
      {1e308, -1e308},
      {Double.MAX_VALUE, 1.0},
      {1.0, Double.NaN},
      {Double.NEGATIVE_INFINITY, 1.0},
      {2.0, 2.0 + 1e-9},
      {5e-9, 5.1e-9}
    };
    for (double[] pair : pairs) {
      Tensor expected = new Tensor(Shape.of(1), new double[] {pair[0]});
      Tensor actual = new Tensor(Shape.of(1), new double[] {pair[1]});
      double between = RelativeError.between(pair[0], pair[1]);

      ValueComparison comparison = RelativeError.compare(expected, actual, 1e-7);

      assertThat(comparison.maxError()).as("%s vs %s", pair[0], pair[1]).isEqualTo(between);
      assertThat(comparison.passed()).as("%s vs %s", pair[0], pair[1]).isEqualTo(between <= 1e-7);
    }
  }

  @Test
  void comparisonFindsTheWorstElementAndCountsTheOnesOff() {
    Tensor expected = new Tensor(Shape.of(2, 2), new double[] {1, 2, 3, 4});
    Tensor actual = new Tensor(Shape.of(2, 2), new double[] {1, 2.5, 3, -4});

    ValueComparison comparison = RelativeError.compare(expected, actual, 1e-7);

    assertThat(comparison.passed()).isFalse();
    assertThat(comparison.elementsOff()).isEqualTo(2);
    assertThat(comparison.worstIndex()).containsExactly(1, 1);
    assertThat(comparison.expectedAtWorst()).isEqualTo(4);
    assertThat(comparison.actualAtWorst()).isEqualTo(-4);
    assertThat(comparison.maxError()).isEqualTo(1.0);
  }

  @Test
  void nanNeverPassesWhateverTheTolerance() {
    Tensor expected = new Tensor(Shape.of(3), new double[] {1, 2, 3});
    Tensor actual = new Tensor(Shape.of(3), new double[] {1, Double.NaN, 3});

    ValueComparison comparison = RelativeError.compare(expected, actual, 1e300);

    assertThat(comparison.passed()).isFalse();
    assertThat(comparison.nonFinite()).isEqualTo(1);
    assertThat(comparison.worstIndex()).containsExactly(1);
  }

  @Test
  void equalTensorsPassWithZeroError() {
    Tensor tensor = new Tensor(Shape.of(2), new double[] {0.1, -0.2});

    ValueComparison comparison = RelativeError.compare(tensor, tensor, 1e-7);

    assertThat(comparison.passed()).isTrue();
    assertThat(comparison.maxError()).isZero();
  }

  @Test
  void refusesTensorsOfDifferentShapes() {
    Tensor a = new Tensor(Shape.of(2), new double[] {1, 2});
    Tensor b = new Tensor(Shape.of(1, 2), new double[] {1, 2});

    assertThatThrownBy(() -> RelativeError.compare(a, b, 1e-7))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("shapes differ: expected [2], actual [1, 2]");
  }

  @Test
  void aDifferenceWithinTheRoundOffBoundPassesWhereTheRelativeErrorWouldNot() {
    // Near zero the floor 1e-8 makes a difference of 1e-14 a relative error of 1e-6.
    Tensor expected = new Tensor(Shape.of(3), new double[] {1e-15, 0.5, 2});
    Tensor actual = new Tensor(Shape.of(3), new double[] {-9e-15, 0.5 + 1e-12, 2});

    ValueComparison alone = RelativeError.compare(expected, actual, 1e-7);
    ValueComparison bounded =
        RelativeError.compare(expected, actual, 1e-7, index -> index == 0 ? 2e-14 : 0);

    assertThat(alone.passed()).isFalse();
    assertThat(alone.worstIndex()).containsExactly(0);
    assertThat(bounded.passed()).isTrue();
    assertThat(bounded.withinRoundOff()).isEqualTo(1);
    assertThat(bounded.worstIndex()).containsExactly(1);
    assertThat(bounded.maxError()).isEqualTo(RelativeError.between(0.5, 0.5 + 1e-12));
  }

  @Test
  void aDifferenceBeyondTheBoundStillFails() {
    Tensor expected = new Tensor(Shape.of(3), new double[] {0, 1, 2});
    Tensor actual = new Tensor(Shape.of(3), new double[] {3e-14, 1, 2});

    ValueComparison comparison = RelativeError.compare(expected, actual, 1e-7, index -> 2e-14);

    assertThat(comparison.elementsOff()).isEqualTo(1);
    assertThat(comparison.withinRoundOff()).isZero();
    assertThat(comparison.worstIndex()).containsExactly(0);
    assertThat(comparison.maxError()).isEqualTo(RelativeError.between(0, 3e-14));
  }

  @Test
  void noBoundExcusesNaN() {
    Tensor expected = new Tensor(Shape.of(1), new double[] {0});
    Tensor actual = new Tensor(Shape.of(1), new double[] {Double.NaN});

    ValueComparison comparison =
        RelativeError.compare(expected, actual, 1e-7, index -> Double.POSITIVE_INFINITY);

    assertThat(comparison.passed()).isFalse();
    assertThat(comparison.nonFinite()).isEqualTo(1);
  }

  @Test
  void aDifferenceAboveTheCeilingFailsWithoutItsElementsBound() {
    Tensor expected = new Tensor(Shape.of(2), new double[] {0, 1});
    Tensor actual = new Tensor(Shape.of(2), new double[] {1e-6, 1});
    ElementBounds unreachable =
        ElementBounds.withCeiling(
            1e-12,
            index -> {
              throw new AssertionError("the bound of element " + index + " was worked out");
            });

    ValueComparison comparison = RelativeError.compare(expected, actual, 1e-7, unreachable);

    assertThat(comparison.elementsOff()).isEqualTo(1);
    assertThat(comparison.worstIndex()).containsExactly(0);
  }
}
