package org.cnngrader.reference;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.cnngrader.compare.RelativeError;
import org.cnngrader.layers.conv2d.ConvGeometry;
import org.cnngrader.layers.conv2d.ConvParams;
import org.cnngrader.tensor.Shape;
import org.cnngrader.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** ND4J, as the grader drives it, agrees with the lesson's plain loops to 1e-12 on random cases. */
class Nd4jConv2dTest {

  private static final long SEED = 20261125L;
  private static final int CASES = 40;

  @Test
  void reproducesTheLessonsWorkedExample() {
    Tensor x =
        new Tensor(
            Shape.of(1, 1, 5, 5),
            java.util.stream.IntStream.range(0, 25).asDoubleStream().toArray());
    Tensor w = new Tensor(Shape.of(1, 1, 3, 3), new double[] {1, 1, 1, 1, 1, 1, 1, 1, 1});
    Tensor b = new Tensor(Shape.of(1), new double[] {0});

    Tensor out = Nd4jConv2d.forward(x, w, b, new ConvParams(2, 1));

    assertThat(out.shape()).isEqualTo(Shape.of(1, 1, 3, 3));
    assertThat(out.data()).containsExactly(12, 27, 24, 63, 108, 81, 72, 117, 84);
  }

  @Test
  void agreesWithPlainLoopsOnRandomCases() {
    SplittableRandom random = new SplittableRandom(SEED);
    for (int k = 0; k < CASES; k++) {
      ConvGeometry g = randomGeometry(random);
      Tensor x = randomTensor(g.xShape(), random);
      Tensor w = randomTensor(g.wShape(), random);
      Tensor b = randomTensor(g.bShape(), random);
      Tensor dout = randomTensor(g.outShape(), random);
      String label = "case " + k + " of seed " + SEED + ": " + g;

      assertClose(
          label + " out",
          PlainConv2d.forward(x, w, b, g.params()),
          Nd4jConv2d.forward(x, w, b, g.params()));
      Nd4jConv2d.Backward plain = PlainConv2d.backward(x, w, dout, g.params());
      Nd4jConv2d.Backward nd4j = Nd4jConv2d.backward(x, w, b, dout, g.params());
      assertClose(label + " dx", plain.dx(), nd4j.dx());
      assertClose(label + " dw", plain.dw(), nd4j.dw());
      assertClose(label + " db", plain.db(), nd4j.db());
    }
  }

  private static void assertClose(String label, Tensor expected, Tensor actual) {
    assertThat(actual.shape()).as(label).isEqualTo(expected.shape());
    assertThat(RelativeError.compare(expected, actual, 1e-12).maxError())
        .as(label)
        .isLessThanOrEqualTo(1e-12);
  }

  /** Sizes for which (size - kernel + 2*pad) divides by the stride, as the lesson requires. */
  private static ConvGeometry randomGeometry(SplittableRandom random) {
    int stride = 1 + random.nextInt(3);
    int pad = random.nextInt(3);
    int hh = 1 + random.nextInt(4);
    int ww = 1 + random.nextInt(4);
    int h = hh - 2 * pad + stride * random.nextInt(1, 6);
    int w = ww - 2 * pad + stride * random.nextInt(1, 6);
    if (h < 1 || w < 1) {
      return randomGeometry(random);
    }
    return new ConvGeometry(
        1 + random.nextInt(3),
        1 + random.nextInt(4),
        h,
        w,
        1 + random.nextInt(4),
        hh,
        ww,
        new ConvParams(stride, pad));
  }

  /**
   * Multiples of 1/1024 in [-2, 2]: every product and every sum of these cases is exact in double,
   * so any disagreement is a real one (layout, padding, stride, flip), not the order of rounding.
   * With arbitrary doubles, sums that nearly cancel differ by ~1e-12 relative between any two
   * summation orders.
   */
  private static Tensor randomTensor(Shape shape, SplittableRandom random) {
    double[] data = new double[shape.size()];
    for (int i = 0; i < data.length; i++) {
      data[i] = random.nextInt(-2048, 2049) / 1024.0;
    }
    return new Tensor(shape, data);
  }
}
