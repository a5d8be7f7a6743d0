package org.cnngrader.layers.conv2d;

import java.util.ArrayList;
import java.util.List;
import org.cnngrader.layer.OutputSize;
import org.cnngrader.tensor.Shape;

/**
 * Words a wrong shape in the lesson's terms: for the output, each wrong dimension is derived with
 * the case's own numbers, e.g. "(H - HH + 2*pad)/stride + 1 = (5 - 3 + 2*1)/2 + 1 = 3".
 */
final class Conv2dShapeWords {

  private Conv2dShapeWords() {}

  static String shouldHaveShape(String tensor, Shape expected, Shape actual, ConvGeometry g) {
    if (!tensor.equals("out") || expected.rank() != actual.rank()) {
      return tensor
          + " should have shape "
          + expected
          + " ("
          + shapeOrigin(tensor)
          + "), but was "
          + actual;
    }
    List<String> lines = new ArrayList<>();
    lines.add("out should have shape [N, F, H', W'] = " + expected + ", but was " + actual + ":");
    if (actual.dim(0) != expected.dim(0)) {
      lines.add(
          "- batch size should be N = "
              + g.n()
              + " (one output per input), but was "
              + actual.dim(0));
    }
    if (actual.dim(1) != expected.dim(1)) {
      lines.add(
          "- output channels should be F = "
              + g.f()
              + " (one per filter; each filter spans all "
              + g.c()
              + " input channels), but was "
              + actual.dim(1));
    }
    if (actual.dim(2) != expected.dim(2)) {
      lines.add(
          "- " + outputSize("height", "H", "HH", g.h(), g.hh(), g) + ", but was " + actual.dim(2));
    }
    if (actual.dim(3) != expected.dim(3)) {
      lines.add(
          "- " + outputSize("width", "W", "WW", g.w(), g.ww(), g) + ", but was " + actual.dim(3));
    }
    return String.join("\n", lines);
  }

  /** "output height should be (H - HH + 2*pad)/stride + 1 = (5 - 3 + 2*1)/2 + 1 = 3". */
  static String outputSize(String what, String size, String kernel, int in, int k, ConvGeometry g) {
    int out = OutputSize.of(in, k, g.pad(), g.stride());
    return String.format(
        "output %s should be (%s - %s + 2*pad)/stride + 1 = (%d - %d + 2*%d)/%d + 1 = %d",
        what, size, kernel, in, k, g.pad(), g.stride(), out);
  }

  private static String shapeOrigin(String tensor) {
    return switch (tensor) {
      case "dx" -> "the shape of x";
      case "dw" -> "the shape of w";
      case "db" -> "the shape of b: one value per filter";
      default -> "[N, F, H', W']";
    };
  }
}
