package org.cnngrader.layers.conv2d;

import java.util.ArrayList;
import java.util.List;
import org.cnngrader.layer.OutputSize;
import org.cnngrader.layer.ShapeCandidate;
import org.cnngrader.tensor.Shape;

/** The wrong shapes a convolution's known mistakes give, by the output-size formula. */
final class Conv2dShapeMistakes {

  private Conv2dShapeMistakes() {}

  static List<ShapeCandidate> of(ConvGeometry g, String tensor) {
    return switch (tensor) {
      case "out" -> outShapes(g);
      case "dx" -> dxShapes(g);
      case "dw" -> dwShapes(g);
      default -> List.of();
    };
  }

  private static List<ShapeCandidate> outShapes(ConvGeometry g) {
    List<ShapeCandidate> candidates = new ArrayList<>();
    if (g.stride() > 1) {
      spatial(candidates, Conv2dMistake.STRIDE_IGNORED, g, 1, g.pad());
    }
    if (g.pad() > 0) {
      spatial(candidates, Conv2dMistake.PADDING_IGNORED, g, g.stride(), 0);
    }
    // Also where it gives the shape of one of the two alone (stride 1, or pad 0): the submission's
    // other cases then tell which one the code makes (AmbiguousShapes).
    if (g.stride() > 1 || g.pad() > 0) {
      spatial(candidates, Conv2dMistake.STRIDE_AND_PADDING_IGNORED, g, 1, 0);
    }
    if (g.hh() != g.ww() && g.w() - g.hh() + 2 * g.pad() >= 0) {
      Shape heightForWidth =
          Shape.of(g.n(), g.f(), g.outHeight(), OutputSize.of(g.w(), g.hh(), g.pad(), g.stride()));
      if (!heightForWidth.equals(g.outShape())) {
        candidates.add(new ShapeCandidate(Conv2dMistake.KERNEL_HEIGHT_FOR_WIDTH, heightForWidth));
      }
    }
    Shape padOnce =
        Shape.of(
            g.n(),
            g.f(),
            padOncePlusOneDivided(g.h(), g.hh(), g),
            padOncePlusOneDivided(g.w(), g.ww(), g));
    if (padOnce.dim(2) >= 0 && padOnce.dim(3) >= 0 && !padOnce.equals(g.outShape())) {
      candidates.add(new ShapeCandidate(Conv2dMistake.SIZE_PAD_ONCE_PLUS_ONE_DIVIDED, padOnce));
    }
    if (g.outHeight() != g.outWidth()) {
      candidates.add(
          new ShapeCandidate(
              Conv2dMistake.HEIGHT_WIDTH_SWAPPED,
              Shape.of(g.n(), g.f(), g.outWidth(), g.outHeight())));
    }
    if (g.c() > 1) {
      candidates.add(
          new ShapeCandidate(
              Conv2dMistake.CHANNELS_NOT_SUMMED,
              Shape.of(g.n(), g.f() * g.c(), g.outHeight(), g.outWidth())));
    }
    return candidates;
  }

  /** (H - HH + pad + 1)/stride, rounded as Java divides: the size a known mistake computes. */
  static int padOncePlusOneDivided(int size, int kernel, ConvGeometry g) {
    return (size - kernel + g.pad() + 1) / g.stride();
  }

  /** The output a convolution with {@code stride} and {@code pad} gives, where it has one. */
  private static void spatial(
      List<ShapeCandidate> candidates, Conv2dMistake mistake, ConvGeometry g, int stride, int pad) {
    if (g.h() - g.hh() + 2 * pad < 0 || g.w() - g.ww() + 2 * pad < 0) {
      return;
    }
    Shape shape =
        Shape.of(
            g.n(),
            g.f(),
            OutputSize.of(g.h(), g.hh(), pad, stride),
            OutputSize.of(g.w(), g.ww(), pad, stride));
    if (!shape.equals(g.outShape())) {
      candidates.add(new ShapeCandidate(mistake, shape));
    }
  }

  private static List<ShapeCandidate> dxShapes(ConvGeometry g) {
    List<ShapeCandidate> candidates = new ArrayList<>();
    if (g.pad() == 0) {
      // Rows from pad to -pad hold nothing at pad = 0: no row, so no width either.
      candidates.add(
          new ShapeCandidate(Conv2dMistake.DX_CROPPED_TO_NOTHING, Shape.of(g.n(), g.c(), 0, 0)));
    }
    if (g.pad() > 0) {
      candidates.add(
          new ShapeCandidate(
              Conv2dMistake.PADDED_DX_NOT_CROPPED,
              Shape.of(g.n(), g.c(), g.h() + 2 * g.pad(), g.w() + 2 * g.pad())));
    }
    if (g.h() != g.w()) {
      candidates.add(
          new ShapeCandidate(
              Conv2dMistake.HEIGHT_WIDTH_SWAPPED, Shape.of(g.n(), g.c(), g.w(), g.h())));
    }
    return candidates;
  }

  private static List<ShapeCandidate> dwShapes(ConvGeometry g) {
    return g.hh() != g.ww()
        ? List.of(
            new ShapeCandidate(
                Conv2dMistake.HEIGHT_WIDTH_SWAPPED, Shape.of(g.f(), g.c(), g.ww(), g.hh())))
        : List.of();
  }
}
