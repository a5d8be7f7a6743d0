package org.cnngrader.reference;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.cnngrader.fixture.Fixture;
import org.cnngrader.fixture.Visibility;
import org.cnngrader.grading.RandomCases;
import org.cnngrader.layers.conv2d.ConvGeometry;
import org.cnngrader.layers.conv2d.ConvParams;

/**
 * Hidden cases drawn from a seed at grading time, with references from ND4J, so that nothing can be
 * learned from files: sizes, channels, filters, stride and pad are drawn so that the output-size
 * formula (W - F + 2P)/S + 1 gives whole numbers. The same seed draws the same cases.
 */
public final class RandomCaseDraw {

  /** Names of drawn cases start so, and no fixture file's name may. */
  public static final String PREFIX = "random-";

  private RandomCaseDraw() {}

  /** The cases {@code cases} asks for, as specs. */
  public static List<CaseSpec> specs(RandomCases cases) {
    SplittableRandom random = new SplittableRandom(cases.seed());
    List<CaseSpec> specs = new ArrayList<>();
    for (int i = 1; i <= cases.count(); i++) {
      specs.add(spec(PREFIX + i, random));
    }
    return specs;
  }

  /** The cases {@code cases} asks for, with inputs and ND4J's references. */
  public static List<Fixture> fixtures(RandomCases cases) {
    return specs(cases).stream().map(FixtureGenerator::generate).toList();
  }

  private static CaseSpec spec(String name, SplittableRandom random) {
    int stride = random.nextInt(1, 4);
    int pad = random.nextInt(0, 3);
    int hh = random.nextInt(1, 6);
    int ww = random.nextInt(1, 6);
    // Drawing the output size and working back to the input's keeps every division whole.
    int h = inputSize(random.nextInt(1, 7), hh, stride, pad);
    int w = inputSize(random.nextInt(1, 7), ww, stride, pad);
    ConvGeometry geometry =
        new ConvGeometry(
            random.nextInt(1, 4),
            random.nextInt(1, 5),
            h,
            w,
            random.nextInt(1, 5),
            hh,
            ww,
            new ConvParams(stride, pad));
    return new CaseSpec(
        name, Visibility.HIDDEN, "Drawn at grading time", geometry, random.nextLong(), Map.of());
  }

  /**
   * The input size whose output is {@code out} (or more, where padding would leave no input at
   * all): W = (out - 1) * S + F - 2P.
   */
  private static int inputSize(int out, int filter, int stride, int pad) {
    int size = (out - 1) * stride + filter - 2 * pad;
    while (size < 1) {
      size += stride;
    }
    return size;
  }
}
