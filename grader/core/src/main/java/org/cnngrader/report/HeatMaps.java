package org.cnngrader.report;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import javax.imageio.ImageIO;
import org.cnngrader.tensor.Tensor;

/**
 * Pictures of where a tensor is wrong: for each 2-D slice over the spatial grid (per sample and
 * channel or filter), the expected map, the actual map and |actual - expected|, as small PNG images
 * in data URIs so that the page needs no other file. Only the slices that are most wrong are drawn,
 * so that a large case stays readable.
 */
final class HeatMaps {

  /** At most this many slices per tensor; the rest are counted in a note. */
  static final int MAX_SLICES = 4;

  private static final int TARGET_PIXELS = 144;

  /**
   * One slice: its label (e.g. {@code [0, 2, :, :]}), its three pictures, and the worst difference
   * in it.
   */
  record Slice(String label, String expected, String actual, String difference, double worst) {}

  /** The slices drawn for a tensor, the number of slices it has, and the scales used. */
  record Maps(List<Slice> slices, int total, double valueRange, double differenceRange) {}

  private HeatMaps() {}

  /** Maps of a rank-4 tensor (slices over its last two axes) or a rank-1 tensor (one row). */
  static Maps of(Tensor expected, Tensor actual) {
    int[] dims = expected.shape().dims();
    int height = dims.length == 4 ? dims[2] : 1;
    int width = dims.length == 4 ? dims[3] : dims[dims.length - 1];
    int count = expected.size() / (height * width);
    List<Integer> order = new ArrayList<>();
    double[] worst = new double[count];
    double valueRange = 0;
    double differenceRange = 0;
    for (int s = 0; s < count; s++) {
      order.add(s);
      for (int i = s * height * width; i < (s + 1) * height * width; i++) {
        double difference = Math.abs(actual.get(i) - expected.get(i));
        worst[s] = Math.max(worst[s], Double.isNaN(difference) ? Double.MAX_VALUE : difference);
        valueRange = Math.max(valueRange, finiteAbs(expected.get(i)));
        valueRange = Math.max(valueRange, finiteAbs(actual.get(i)));
        differenceRange = Math.max(differenceRange, finiteAbs(difference));
      }
    }
    order.sort(Comparator.comparingDouble((Integer s) -> -worst[s]).thenComparing(s -> s));
    List<Slice> slices = new ArrayList<>();
    for (int s : order.subList(0, Math.min(MAX_SLICES, count))) {
      int offset = s * height * width;
      slices.add(
          new Slice(
              label(dims, s),
              picture(height, width, i -> expected.get(offset + i), valueRange, true),
              picture(height, width, i -> actual.get(offset + i), valueRange, true),
              picture(
                  height,
                  width,
                  i -> Math.abs(actual.get(offset + i) - expected.get(offset + i)),
                  differenceRange,
                  false),
              worst[s]));
    }
    return new Maps(slices, count, valueRange, differenceRange);
  }

  private static double finiteAbs(double value) {
    return Double.isFinite(value) ? Math.abs(value) : 0;
  }

  private static String label(int[] dims, int slice) {
    if (dims.length != 4) {
      return "[:]";
    }
    return "[" + slice / dims[1] + ", " + slice % dims[1] + ", :, :]";
  }

  private interface Values {
    double at(int index);
  }

  /**
   * A PNG of one slice, each cell a square of pixels: values on a blue-white-red scale symmetric
   * around 0, differences on a white-to-red scale; NaN and infinity in magenta.
   */
  private static String picture(
      int height, int width, Values values, double range, boolean diverging) {
    int cell = Math.max(1, Math.min(24, TARGET_PIXELS / Math.max(height, width)));
    BufferedImage image =
        new BufferedImage(width * cell, height * cell, BufferedImage.TYPE_INT_RGB);
    for (int row = 0; row < height; row++) {
      for (int column = 0; column < width; column++) {
        double value = values.at(row * width + column);
        int rgb = diverging ? diverging(value, range) : sequential(value, range);
        for (int y = 0; y < cell; y++) {
          for (int x = 0; x < cell; x++) {
            image.setRGB(column * cell + x, row * cell + y, rgb);
          }
        }
      }
    }
    ByteArrayOutputStream png = new ByteArrayOutputStream();
    try {
      ImageIO.write(image, "png", png);
    } catch (IOException e) {
      throw new UncheckedIOException("PNG encoding into memory failed", e);
    }
    return "data:image/png;base64," + Base64.getEncoder().encodeToString(png.toByteArray());
  }

  private static int diverging(double value, double range) {
    if (!Double.isFinite(value)) {
      return 0xFF00FF;
    }
    double t = range == 0 ? 0 : Math.max(-1, Math.min(1, value / range));
    // White at 0, towards red (positive) or blue (negative).
    return t >= 0 ? blend(0xFFFFFF, 0xB40426, t) : blend(0xFFFFFF, 0x3B4CC0, -t);
  }

  private static int sequential(double value, double range) {
    if (!Double.isFinite(value)) {
      return 0xFF00FF;
    }
    double t = range == 0 ? 0 : Math.max(0, Math.min(1, value / range));
    // White to black: unlike the value maps' red, never mistaken for a positive value.
    return blend(0xFFFFFF, 0x000000, t);
  }

  private static int blend(int from, int to, double t) {
    int red = (int) Math.round(((from >> 16) & 0xFF) * (1 - t) + ((to >> 16) & 0xFF) * t);
    int green = (int) Math.round(((from >> 8) & 0xFF) * (1 - t) + ((to >> 8) & 0xFF) * t);
    int blue = (int) Math.round((from & 0xFF) * (1 - t) + (to & 0xFF) * t);
    return (red << 16) | (green << 8) | blue;
  }
}
