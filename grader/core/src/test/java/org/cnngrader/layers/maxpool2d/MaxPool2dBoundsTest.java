package org.cnngrader.layers.maxpool2d;

import static org.assertj.core.api.Assertions.assertThat;

import org.cnngrader.tensor.Shape;
import org.cnngrader.tensor.Tensor;
import org.junit.jupiter.api.Test;

class MaxPool2dBoundsTest {

  @Test
  void aMaximumIsExactButAnAveragedWindowRoundsWithinItsMistakesBound() {
    PoolGeometry g = new PoolGeometry(1, 1, 2, 2, 2, 2, 2);
    double[] window = {1, 1e16, -1e16, 1e-16};
    MaxPool2dBounds bounds = new MaxPool2dBounds(g, new Tensor(Shape.of(1, 1, 2, 2), window), null);
    double forwards = 0;
    double backwards = 0;
    for (int k = 0; k < window.length; k++) {
      forwards += window[k];
      backwards += window[window.length - 1 - k];
    }
    double difference = Math.abs(forwards / 4 - backwards / 4);

    assertThat(bounds.of("out").at(0)).isZero();
    // Two orders of the same average, both a correct computation of that mistake.
    assertThat(difference).isPositive();
    assertThat(difference)
        .isLessThanOrEqualTo(bounds.ofMistake("average-instead-of-max", "out").at(0));
  }

  @Test
  void aMistakesDxBoundCoversDoutSentThroughEveryWindowAtStrideOne() {
    PoolGeometry g = new PoolGeometry(1, 1, 4, 4, 2, 2, 2);
    Tensor x = new Tensor(Shape.of(1, 1, 4, 4), new double[16]);
    double[] dout = {1e16, -1e16, 1, 1e-16};
    MaxPool2dBounds bounds = new MaxPool2dBounds(g, x, new Tensor(Shape.of(1, 1, 2, 2), dout));
    double forwards = 0;
    double backwards = 0;
    for (int k = 0; k < dout.length; k++) {
      forwards += dout[k];
      backwards += dout[dout.length - 1 - k];
    }

    assertThat(bounds.of("dx").at(5)).isZero();
    assertThat(Math.abs(forwards - backwards))
        .isPositive()
        .isLessThanOrEqualTo(bounds.ofMistake("stride-ignored", "dx").at(5));
  }
}
