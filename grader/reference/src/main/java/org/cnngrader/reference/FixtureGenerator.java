package org.cnngrader.reference;

import java.util.Map;
import java.util.SplittableRandom;
import org.cnngrader.fixture.Fixture;
import org.cnngrader.fixture.Reference;
import org.cnngrader.layers.conv2d.Conv2dLayer;
import org.cnngrader.layers.conv2d.ConvGeometry;
import org.cnngrader.tensor.Shape;
import org.cnngrader.tensor.Tensor;

/**
 * Turns a case spec into a fixture: inputs drawn from the case's seed, expected tensors and those
 * of known mistakes from ND4J. The same spec always gives the same fixture, bit for bit.
 */
public final class FixtureGenerator {

  private FixtureGenerator() {}

  public static Fixture generate(CaseSpec spec) {
    ConvGeometry g = spec.geometry();
    SplittableRandom random = new SplittableRandom(spec.seed());
    Tensor x = fill(spec.fillOf("x"), g.xShape(), random);
    Tensor w = fill(spec.fillOf("w"), g.wShape(), random);
    Tensor b = fill(spec.fillOf("b"), g.bShape(), random);
    Tensor dout = fill(spec.fillOf("dout"), g.outShape(), random);
    Tensor out = Nd4jConv2d.forward(x, w, b, g.params());
    Nd4jConv2d.Backward backward = Nd4jConv2d.backward(x, w, b, dout, g.params());
    ConvTensors.Inputs inputs = new ConvTensors.Inputs(x, w, b, dout);
    ConvTensors.Expected expected =
        new ConvTensors.Expected(out, backward.dx(), backward.dw(), backward.db());
    return new Fixture(
        Conv2dLayer.LAYER,
        spec.name(),
        spec.visibility(),
        g.params().toParams(),
        inputs.toMap(),
        expected.toMap(),
        null,
        Fixture.DEFAULT_TOLERANCE,
        new Reference(Nd4jConv2d.LIBRARY, Nd4jConv2d.VERSION),
        spec.description(),
        spec.seed(),
        Map.of(),
        MistakeModels.references(inputs, g.params(), expected, Fixture.DEFAULT_TOLERANCE));
  }

  /**
   * Values in [-1, 1) with four decimals: short in JSON, and the same double whoever parses the
   * text.
   */
  static Tensor fill(CaseSpec.Fill fill, Shape shape, SplittableRandom random) {
    double[] data = new double[shape.size()];
    for (int i = 0; i < data.length; i++) {
      data[i] =
          switch (fill) {
            case RANDOM -> Math.round(random.nextDouble(-1, 1) * 1e4) / 1e4;
            case ARANGE -> i;
            case ONES -> 1;
            case ZEROS -> 0;
          };
    }
    return new Tensor(shape, data);
  }
}
