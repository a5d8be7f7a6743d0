package org.cnngrader.tensor;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NestedArrayTest {

  @Test
  void readsARectangularArrayAsATensorInRowMajorOrder() {
    double[][][][] array = {{{{1, 2, 3}, {4, 5, 6}}}};

    NestedArray nested = NestedArray.inspect(array, 4, "out");

    assertThat(nested).isInstanceOf(NestedArray.Regular.class);
    Tensor tensor = ((NestedArray.Regular) nested).tensor();
    assertThat(tensor.shape()).isEqualTo(Shape.of(1, 1, 2, 3));
    assertThat(tensor.data()).containsExactly(1, 2, 3, 4, 5, 6);
  }

  @Test
  void namesTheNullRow() {
    double[][][][] array = {{{{1}}, null}};

    assertThat(NestedArray.inspect(array, 4, "out")).isEqualTo(new NestedArray.NullAt("out[0][1]"));
    assertThat(NestedArray.inspect(null, 4, "dx")).isEqualTo(new NestedArray.NullAt("dx"));
  }

  @Test
  void namesTheRaggedRowWithBothLengths() {
    double[][][][] array = {{{{1, 2}, {3}}}};

    assertThat(NestedArray.inspect(array, 4, "out"))
        .isEqualTo(new NestedArray.Ragged("out[0][0][1]", 1, "out[0][0][0]", 2));
  }

  @Test
  void readsRankOne() {
    NestedArray nested = NestedArray.inspect(new double[] {1, 2}, 1, "db");

    assertThat(((NestedArray.Regular) nested).tensor().shape()).isEqualTo(Shape.of(2));
  }

  @Test
  void roundTripsThroughNestedArrays() {
    Tensor tensor = new Tensor(Shape.of(2, 1, 2, 2), new double[] {1, 2, 3, 4, 5, 6, 7, 8});

    NestedArray nested = NestedArray.inspect(tensor.toNested(), 4, "x");

    assertThat(nested).isEqualTo(new NestedArray.Regular(tensor));
  }
}
