package org.cnngrader.reference;

import java.util.Map;
import java.util.SplittableRandom;
import org.cnngrader.fixture.Fixture;
import org.cnngrader.fixture.Reference;
import org.cnngrader.tensor.Shape;
import org.cnngrader.tensor.Tensor;

/**
 * Turns a case spec into a fixture: inputs drawn from the case's seed, expected tensors and those
 * of known mistakes from the layer's reference (ND4J). The same spec always gives the same fixture,
 * bit for bit, on one machine.
 */
public final class FixtureGenerator {

  private FixtureGenerator() {}

  public static Fixture generate(CaseSpec spec) {
    LayerReference reference = LayerReferences.of(spec.layer());
    Map<String, Tensor> inputs = reference.draw(spec);
    Map<String, Tensor> expected = reference.expected(spec.params(), inputs);
    return new Fixture(
        spec.layer(),
        spec.name(),
        spec.visibility(),
        spec.params(),
        inputs,
        expected,
        null,
        Fixture.DEFAULT_TOLERANCE,
        new Reference(reference.library(), reference.version()),
        spec.description(),
        spec.seed(),
        Map.of(),
        MistakeSelection.select(
            reference.mistakes(spec.params(), inputs), expected, Fixture.DEFAULT_TOLERANCE));
  }

  /**
   * A tensor filled as {@code fill} says; drawn values lie in [-1, 1) with four decimals: short in
   * JSON, and the same double whoever parses the text.
   */
  static Tensor fill(CaseSpec.Fill fill, Shape shape, SplittableRandom random) {
    return fill(fill, shape, random, 4);
  }

  /** As {@link #fill(CaseSpec.Fill, Shape, SplittableRandom)}, drawing with {@code decimals}. */
  static Tensor fill(CaseSpec.Fill fill, Shape shape, SplittableRandom random, int decimals) {
    double scale = Math.pow(10, decimals);
    double[] data = new double[shape.size()];
    for (int i = 0; i < data.length; i++) {
      data[i] =
          switch (fill.kind()) {
            case RANDOM -> Math.round(random.nextDouble(-1, 1) * scale) / scale;
            case ARANGE -> i;
            case ONES -> 1;
            case ZEROS -> 0;
            case NORMAL ->
                Math.round((fill.from() + fill.to() * random.nextGaussian()) * scale) / scale;
            case LINSPACE ->
                i == data.length - 1
                    ? fill.to()
                    : fill.from() + i * ((fill.to() - fill.from()) / Math.max(1, data.length - 1));
          };
    }
    return new Tensor(shape, data);
  }
}
