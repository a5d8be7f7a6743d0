package org.cnngrader.layers.maxpool2d;

import java.util.ArrayList;
import java.util.List;
import org.cnngrader.layer.OutputSize;
import org.cnngrader.tensor.Shape;

/**
 * Words max pooling's shapes and mistakes in the lesson's terms: the output size (H -
 * pool_height)/stride + 1 with the case's own numbers, and what each mistake does to a window.
 */
final class MaxPool2dWords {

  private static final String WINDOW = "x[n][c][i*stride+p][j*stride+q]";

  private MaxPool2dWords() {}

  static String shouldHaveShape(String tensor, Shape expected, Shape actual, PoolGeometry g) {
    if (!tensor.equals("out") || expected.rank() != actual.rank()) {
      String origin = tensor.equals("dx") ? "the shape of x" : "[N, C, H', W']";
      return tensor + " should have shape " + expected + " (" + origin + "), but was " + actual;
    }
    List<String> lines = new ArrayList<>();
    lines.add("out should have shape [N, C, H', W'] = " + expected + ", but was " + actual + ":");
    if (actual.dim(0) != expected.dim(0)) {
      lines.add(
          "- batch size should be N = "
              + g.n()
              + " (one output per input), but was "
              + actual.dim(0));
    }
    if (actual.dim(1) != expected.dim(1)) {
      lines.add(
          "- channels should be C = "
              + g.c()
              + " (pooling works on each channel alone, so the depth stays), but was "
              + actual.dim(1));
    }
    if (actual.dim(2) != expected.dim(2)) {
      lines.add(
          "- "
              + outputSize("height", "H", "pool_height", g.h(), g.poolHeight(), g)
              + ", but was "
              + actual.dim(2));
    }
    if (actual.dim(3) != expected.dim(3)) {
      lines.add(
          "- "
              + outputSize("width", "W", "pool_width", g.w(), g.poolWidth(), g)
              + ", but was "
              + actual.dim(3));
    }
    return String.join("\n", lines);
  }

  /** "output height should be (H - pool_height)/stride + 1 = (4 - 2)/2 + 1 = 2". */
  private static String outputSize(
      String what, String size, String window, int in, int k, PoolGeometry g) {
    return String.format(
        "output %s should be (%s - %s)/stride + 1 = (%d - %d)/%d + 1 = %d",
        what, size, window, in, k, g.stride(), OutputSize.of(in, k, 0, g.stride()));
  }

  /** "this case's window is pool_height x pool_width = 3 x 3 and moves stride = 1 steps". */
  private static String ownWindow(PoolGeometry g) {
    return String.format(
        "this case's window is pool_height x pool_width = %d x %d and moves stride = %d %s at a"
            + " time",
        g.poolHeight(), g.poolWidth(), g.stride(), g.stride() == 1 ? "step" : "steps");
  }

  static String likelyMistake(
      MaxPool2dMistake mistake, String tensor, Shape wrongShape, PoolGeometry g) {
    return wrongShape == null ? values(mistake, tensor, g) : shape(mistake, wrongShape, g);
  }

  private static String shape(MaxPool2dMistake mistake, Shape actual, PoolGeometry g) {
    return switch (mistake) {
      case STRIDE_IGNORED -> {
        List<String> derived = new ArrayList<>();
        if (actual.dim(2) != g.outHeight()) {
          derived.add(
              String.format(
                  "H' = %d = H - pool_height + 1 = %d - %d + 1",
                  actual.dim(2), g.h(), g.poolHeight()));
        }
        if (actual.dim(3) != g.outWidth()) {
          derived.add(
              String.format(
                  "W' = %d = W - pool_width + 1 = %d - %d + 1",
                  actual.dim(3), g.w(), g.poolWidth()));
        }
        yield "the stride was ignored: "
            + String.join(" and ", derived)
            + (derived.size() == 1 ? " is the size" : " are the sizes")
            + " for stride 1; the window must move stride = "
            + g.stride()
            + " steps at a time: (H - pool_height)/stride + 1";
      }
      case WINDOW_HEIGHT_FOR_WIDTH ->
          String.format(
              "the window's height was used for its width: W' = %d = (W - pool_height)/stride + 1"
                  + " = (%d - %d)/%d + 1; the window is pool_width = %d wide: (W -"
                  + " pool_width)/stride + 1 = %d",
              actual.dim(3), g.w(), g.poolHeight(), g.stride(), g.poolWidth(), g.outWidth());
      case FIXED_2X2_STRIDE_2 -> {
        List<String> derived = new ArrayList<>();
        if (actual.dim(2) != g.outHeight()) {
          derived.add(
              String.format("H' = %d = (H - 2)/2 + 1 = (%d - 2)/2 + 1", actual.dim(2), g.h()));
        }
        if (actual.dim(3) != g.outWidth()) {
          derived.add(
              String.format("W' = %d = (W - 2)/2 + 1 = (%d - 2)/2 + 1", actual.dim(3), g.w()));
        }
        yield "the window was fixed at 2x2 with stride 2: "
            + String.join(" and ", derived)
            + (derived.size() == 1 ? " is the size" : " are the sizes")
            + " a 2x2 window moving 2 steps gives; "
            + ownWindow(g)
            + ": (H - pool_height)/stride + 1 = "
            + g.outHeight()
            + " and (W - pool_width)/stride + 1 = "
            + g.outWidth();
      }
      default -> throw new IllegalArgumentException(mistake + " does not explain a shape");
    };
  }

  private static String values(MaxPool2dMistake mistake, String t, PoolGeometry g) {
    int size = g.poolHeight() * g.poolWidth();
    return switch (mistake) {
      case AVERAGE_INSTEAD_OF_MAX ->
          t.equals("out")
              ? "each window was averaged: out matches the mean of every pool_height x pool_width"
                  + " window; max pooling keeps its largest value, out[n][c][i][j] = the max over"
                  + " p, q of "
                  + WINDOW
              : String.format(
                  "dx spreads dout evenly over each window, as average pooling does: dx matches"
                      + " dout[n][c][i][j]/%d at all %d elements of the window; in max pooling"
                      + " only the window's maximum reaches out, so it alone gets the gradient",
                  size, size);
      case STRIDE_IGNORED ->
          String.format(
              "the stride was ignored: %s matches windows that move 1 step at a time instead of"
                  + " stride = %d; the window of out[n][c][i][j] starts at row i*stride and column"
                  + " j*stride of x, in backward as in forward",
              t, g.stride());
      case WINDOW_HEIGHT_FOR_WIDTH ->
          String.format(
              "the window's height was used for its width: %s matches windows %d wide instead"
                  + " of pool_width = %d; the window of out[n][c][i][j] is pool_height x"
                  + " pool_width = %d x %d",
              t, g.poolHeight(), g.poolWidth(), g.poolHeight(), g.poolWidth());
      case DX_ASSIGNED_NOT_ADDED ->
          String.format(
              "dx was assigned instead of added: windows overlap here (stride %d is below the"
                  + " %d x %d window), so an element can be the maximum of several windows; dx"
                  + " matches a layer that keeps only the last window's dout there; add with +="
                  + " so that it gets the sum of them all",
              g.stride(), g.poolHeight(), g.poolWidth());
      case DOUT_SPREAD_OVER_WINDOW ->
          "dout was spread over the whole window: dx matches dout[n][c][i][j] added to every"
              + " element of the window; only the window's maximum reaches out, so only it gets"
              + " the gradient";
      case DOUT_DIVIDED_BY_WINDOW_SIZE ->
          String.format(
              "dout was divided by the window's size: dx matches dout[n][c][i][j]/%d at each"
                  + " window's maximum; the maximum passed its value on whole, so it gets the"
                  + " whole dout[n][c][i][j]",
              size);
      case FIXED_2X2_STRIDE_2 ->
          String.format(
              "the window was fixed at 2x2 with stride 2: %s matches 2x2 windows that move 2 steps"
                  + " at a time; %s, as the constructor's arguments say",
              t, ownWindow(g));
      case MAX_STARTS_AT_MIN_VALUE ->
          t.equals("out")
              ? "each maximum started at Double.MIN_VALUE: out matches 4.9e-324 wherever a window"
                  + " holds only negative values; Double.MIN_VALUE is the smallest positive double,"
                  + " not the most negative one, so start each maximum at"
                  + " Double.NEGATIVE_INFINITY or at the window's first element"
              : "each maximum started at Double.MIN_VALUE: dx matches a backward where a window"
                  + " of negative values only passes no gradient, none of its elements being above"
                  + " 4.9e-324; its largest element is its maximum all the same and gets its"
                  + " dout[n][c][i][j]: start each maximum at Double.NEGATIVE_INFINITY or at the"
                  + " window's first element";
      default -> throw new IllegalArgumentException(mistake + " does not explain values");
    };
  }
}
