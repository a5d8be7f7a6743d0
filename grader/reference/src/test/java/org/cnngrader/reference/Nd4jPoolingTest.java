package org.cnngrader.reference;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.SplittableRandom;
import org.cnngrader.compare.BoundedDifference;
import org.cnngrader.compare.ElementBounds;
import org.cnngrader.layers.maxpool2d.MaxPool2dBounds;
import org.cnngrader.layers.maxpool2d.PoolGeometry;
import org.cnngrader.tensor.Shape;
import org.cnngrader.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * ND4J's pooling ops as the reference uses them (NCHW, double, no padding) agree with plain loops:
 * max pooling exactly (a maximum does no arithmetic), its gradient and average pooling within the
 * rounding bounds of their sums.
 */
class Nd4jPoolingTest {

  private static final List<PoolGeometry> GEOMETRIES =
      List.of(
          new PoolGeometry(2, 3, 4, 4, 2, 2, 2),
          new PoolGeometry(1, 2, 7, 7, 3, 3, 2),
          new PoolGeometry(2, 1, 5, 7, 2, 3, 1),
          new PoolGeometry(1, 1, 7, 5, 3, 1, 2));

  private static Tensor random(Shape shape, SplittableRandom random) {
    double[] data = new double[shape.size()];
    for (int i = 0; i < data.length; i++) {
      data[i] = random.nextDouble(-1, 1);
    }
    return new Tensor(shape, data);
  }

  @Test
  void maxPoolingAndItsGradientAgreeWithPlainLoops() {
    SplittableRandom random = new SplittableRandom(5);
    for (PoolGeometry g : GEOMETRIES) {
      Tensor x = random(g.xShape(), random);
      Tensor dout = random(g.outShape(), random);

      assertThat(Nd4jPooling.forward(Nd4jPooling.Kind.MAX, x, g).data())
          .as("out of " + g)
          .containsExactly(PlainPooling.max(x, g).data());
      BoundedDifference dx =
          BoundedDifference.of(
              Nd4jPooling.backward(Nd4jPooling.Kind.MAX, x, dout, g),
              PlainPooling.maxBackward(x, dout, g),
              new MaxPool2dBounds(g, x, dout).of("dx"));
      assertThat(dx.agrees()).as("dx of " + g + ": ratio " + dx.ratio()).isTrue();
    }
  }

  @Test
  void averagePoolingAndItsGradientAgreeWithPlainLoopsWithinTheirBounds() {
    SplittableRandom random = new SplittableRandom(6);
    for (PoolGeometry g : GEOMETRIES) {
      Tensor x = random(g.xShape(), random);
      Tensor dout = random(g.outShape(), random);
      int size = g.poolHeight() * g.poolWidth();

      assertThat(
              BoundedDifference.of(
                      Nd4jPooling.forward(Nd4jPooling.Kind.AVERAGE, x, g),
                      PlainPooling.average(x, g),
                      ElementBounds.of(
                          MaxPool2dReference.INSTANCE
                              .mistakeBounds(
                                  org.cnngrader.layers.maxpool2d.MaxPool2dLayer.params(
                                      g.poolHeight(), g.poolWidth(), g.stride()),
                                  java.util.Map.of("x", x, "dout", dout))
                              .get(
                                  org.cnngrader.layers.maxpool2d.MaxPool2dMistake
                                      .AVERAGE_INSTEAD_OF_MAX)
                              .get("out")))
                  .agrees())
          .as("average out of " + g)
          .isTrue();
      assertThat(
              BoundedDifference.of(
                      Nd4jPooling.backward(Nd4jPooling.Kind.AVERAGE, x, dout, g),
                      PlainPooling.averageBackward(dout, g),
                      ElementBounds.of(PoolWindows.sumBounds(dout, g, 1.0 / size)))
                  .agrees())
          .as("average dx of " + g)
          .isTrue();
    }
  }
}
