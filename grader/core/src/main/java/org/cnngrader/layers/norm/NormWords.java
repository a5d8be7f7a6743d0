package org.cnngrader.layers.norm;

import org.cnngrader.layer.Setting;
import org.cnngrader.tensor.Shape;

/** Words the normalization layers share: their shapes, which normalization leaves as they are. */
public final class NormWords {

  private NormWords() {}

  /**
   * "dgamma should have shape [C] = [6] (one value per channel, as gamma has), but was [3]": every
   * tensor of a normalization has the shape of x or one value per channel.
   */
  public static String shouldHaveShape(
      String tensor, Shape expected, Shape actual, Setting setting) {
    String origin;
    if (expected.rank() == 1) {
      origin =
          "[C] = "
              + expected
              + " (one value per channel, as gamma and beta have, C = "
              + expected.dim(0)
              + ")";
    } else {
      origin =
          "[N, C, H, W] = "
              + expected
              + " (the shape of its input: a normalization changes values, never the shape)";
    }
    return tensor + " should have shape " + origin + ", but was " + actual;
  }

  /** "the C/G = 3 channels of a group, H and W" and the like: what a group's statistics cover. */
  public static String over(NormGrouping grouping) {
    return grouping.reducedInWords();
  }
}
