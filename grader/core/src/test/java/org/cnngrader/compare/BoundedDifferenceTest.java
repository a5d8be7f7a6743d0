package org.cnngrader.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.cnngrader.tensor.Shape;
import org.cnngrader.tensor.Tensor;
import org.junit.jupiter.api.Test;

class BoundedDifferenceTest {

  @Test
  void agreesWhenEveryDifferenceIsWithinItsBoundAndReportsTheLargestShare() {
    Tensor stored = new Tensor(Shape.of(2, 2), new double[] {1, 2, 3, 4});
    Tensor recomputed = new Tensor(Shape.of(2, 2), new double[] {1, 2 + 0x1p-51, 3, 4});

    BoundedDifference d = BoundedDifference.of(stored, recomputed, index -> 0x1p-50);

    assertThat(d.agrees()).isTrue();
    assertThat(d.ratio()).isEqualTo(0.5);
    assertThat(d.worstIndex()).containsExactly(0, 1);
    assertThat(d.differenceAtWorst()).isEqualTo(0x1p-51);
  }

  @Test
  void namesTheElementFurthestBeyondItsBound() {
    Tensor stored = new Tensor(Shape.of(3), new double[] {1, 2, 3});
    Tensor recomputed = new Tensor(Shape.of(3), new double[] {1.001, 2, 3.001});

    BoundedDifference d =
        BoundedDifference.of(stored, recomputed, index -> index == 0 ? 1e-2 : 1e-14);

    assertThat(d.agrees()).isFalse();
    assertThat(d.elementsOutside()).isEqualTo(1);
    assertThat(d.worstIndex()).containsExactly(2);
    assertThat(d.storedAtWorst()).isEqualTo(3);
    assertThat(d.recomputedAtWorst()).isEqualTo(3.001);
    assertThat(d.boundAtWorst()).isEqualTo(1e-14);
  }

  @Test
  void anExactResultAllowsNoDifferenceAndNaNIsNeverWithinABound() {
    Tensor stored = new Tensor(Shape.of(2), new double[] {0.5, 1});
    Tensor recomputed = new Tensor(Shape.of(2), new double[] {0.5 + 0x1p-53, Double.NaN});

    assertThat(BoundedDifference.of(stored, recomputed, ElementBounds.EXACT).elementsOutside())
        .isEqualTo(2);
    assertThat(BoundedDifference.of(stored, stored, ElementBounds.EXACT).ratio()).isZero();
    assertThat(BoundedDifference.of(stored, recomputed, index -> 1e300).elementsOutside())
        .isEqualTo(1);
  }

  @Test
  void refusesTensorsOfDifferentShapes() {
    Tensor a = new Tensor(Shape.of(2), new double[] {1, 2});
    Tensor b = new Tensor(Shape.of(1, 2), new double[] {1, 2});

    assertThatThrownBy(() -> BoundedDifference.of(a, b, ElementBounds.EXACT))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("shapes differ: stored [2], recomputed [1, 2]");
  }
}
