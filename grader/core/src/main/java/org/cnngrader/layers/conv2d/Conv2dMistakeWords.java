package org.cnngrader.layers.conv2d;

import java.util.ArrayList;
import java.util.List;
import org.cnngrader.tensor.Shape;

/**
 * Words a convolution's known mistake: the mistake in plain words, then the lesson's rule with the
 * case's own numbers.
 */
final class Conv2dMistakeWords {

  private static final String WINDOW = "x[n][c][i*stride+p-pad][j*stride+q-pad]";

  private Conv2dMistakeWords() {}

  /**
   * What follows "Likely mistake: "; {@code wrongShape} is null when the mistake explains values.
   */
  static String likelyMistake(
      Conv2dMistake mistake, String tensor, Shape wrongShape, ConvGeometry g) {
    return wrongShape == null ? values(tensor, mistake, g) : shape(mistake, tensor, wrongShape, g);
  }

  private static String shape(Conv2dMistake mistake, String tensor, Shape actual, ConvGeometry g) {
    return switch (mistake) {
      case STRIDE_IGNORED ->
          "the stride was ignored: "
              + sizes(g, actual, 1, g.pad())
              + " for stride 1; the filter must move stride = "
              + g.stride()
              + " steps at a time: (H - HH + 2*pad)/stride + 1";
      case PADDING_IGNORED ->
          "the padding was ignored: "
              + sizes(g, actual, g.stride(), 0)
              + " without padding; pad = "
              + g.pad()
              + " adds "
              + g.pad()
              + (g.pad() == 1 ? " zero" : " zeros")
              + " on each side, so the input grows by 2*pad = "
              + 2 * g.pad()
              + ": (H - HH + 2*pad)/stride + 1";
      case STRIDE_AND_PADDING_IGNORED ->
          "both the stride and the padding were ignored: "
              + sizes(g, actual, 1, 0)
              + " for stride 1 without padding; the output size uses both: (H - HH + 2*pad)/stride + 1";
      case CHANNELS_NOT_SUMMED ->
          String.format(
              "the channels were not summed: out has F*C = %d*%d = %d channels, one per filter and"
                  + " input channel; a filter spans the full depth of the input, so its products"
                  + " over all C = %d channels add up to one output channel, F = %d in all",
              g.f(), g.c(), g.f() * g.c(), g.c(), g.f());
      case HEIGHT_WIDTH_SWAPPED -> swappedShape(tensor, g);
      case PADDED_DX_NOT_CROPPED ->
          String.format(
              "dx of the padded input was not cropped: dx has shape [N, C, H + 2*pad, W + 2*pad]"
                  + " = %s; drop the pad = %d %s on each side to get the gradient of x"
                  + " itself, %s",
              actual, g.pad(), g.pad() == 1 ? "row and column" : "rows and columns", g.xShape());
      case KERNEL_HEIGHT_FOR_WIDTH ->
          String.format(
              "the kernel's height was used for its width: W' = %d = (W - HH + 2*pad)/stride + 1"
                  + " = (%d - %d + 2*%d)/%d + 1; the kernel is WW = %d wide: (W - WW +"
                  + " 2*pad)/stride + 1 = (%d - %d + 2*%d)/%d + 1 = %d",
              actual.dim(3),
              g.w(),
              g.hh(),
              g.pad(),
              g.stride(),
              g.ww(),
              g.w(),
              g.ww(),
              g.pad(),
              g.stride(),
              g.outWidth());
      case SIZE_PAD_ONCE_PLUS_ONE_DIVIDED -> padOncePlusOneDivided(actual, g);
      case DX_CROPPED_TO_NOTHING ->
          String.format(
              "dx was cropped to nothing: it has shape %s; a crop from row pad to row -pad"
                  + " (counted from the end, as NumPy's dx[:, :, pad:-pad] reads) keeps no row at"
                  + " pad = 0, since -0 is 0; without padding the gradient of the padded input is"
                  + " dx itself: keep its H = %d rows and W = %d columns, the shape of x, %s",
              actual, g.h(), g.w(), g.xShape());
      default -> throw new IllegalArgumentException(mistake + " does not explain a shape");
    };
  }

  /**
   * "H' = 1 = (H - HH + pad + 1)/stride = (5 - 3 + 0 + 1)/2 is the size", then the lesson's formula
   * with the same numbers.
   */
  private static String padOncePlusOneDivided(Shape actual, ConvGeometry g) {
    List<String> derived = new ArrayList<>();
    List<String> right = new ArrayList<>();
    if (actual.dim(2) != g.outHeight()) {
      derived.add(padOnce("H'", "H", "HH", g.h(), g.hh(), actual.dim(2), g));
      right.add(Conv2dShapeWords.outputSize("height", "H", "HH", g.h(), g.hh(), g));
    }
    if (actual.dim(3) != g.outWidth()) {
      derived.add(padOnce("W'", "W", "WW", g.w(), g.ww(), actual.dim(3), g));
      right.add(Conv2dShapeWords.outputSize("width", "W", "WW", g.w(), g.ww(), g));
    }
    return "the output size was computed as (H - HH + pad + 1)/stride: "
        + String.join(" and ", derived)
        + (derived.size() == 1 ? " is the size" : " are the sizes")
        + " it gives; the padding adds pad zeros on each side, 2*pad in all, and the stride"
        + " divides only the room the filter moves in, the + 1 counting its first position: "
        + String.join("; ", right);
  }

  private static String padOnce(
      String out,
      String in,
      String kernel,
      int inSize,
      int kernelSize,
      int actual,
      ConvGeometry g) {
    return String.format(
        "%s = %d = (%s - %s + pad + 1)/stride = (%d - %d + %d + 1)/%d",
        out, actual, in, kernel, inSize, kernelSize, g.pad(), g.stride());
  }

  /**
   * "H' = 5 = H - HH + 2*pad + 1 = 5 - 3 + 2*1 + 1 and W' = ... are the sizes": the dimensions the
   * mistake changed, each derived with the stride and pad the mistake used.
   */
  private static String sizes(ConvGeometry g, Shape actual, int stride, int pad) {
    List<String> derived = new ArrayList<>();
    if (actual.dim(2) != g.outHeight()) {
      derived.add(size("H'", "H", "HH", g.h(), g.hh(), actual.dim(2), stride, pad, g));
    }
    if (actual.dim(3) != g.outWidth()) {
      derived.add(size("W'", "W", "WW", g.w(), g.ww(), actual.dim(3), stride, pad, g));
    }
    return String.join(" and ", derived)
        + (derived.size() == 1 ? " is the size" : " are the sizes");
  }

  private static String size(
      String out,
      String in,
      String kernel,
      int inSize,
      int kernelSize,
      int actual,
      int stride,
      int pad,
      ConvGeometry g) {
    String padTerm = pad == 0 ? "" : " + 2*pad";
    String padValue = pad == 0 ? "" : " + 2*" + pad;
    if (stride == 1) {
      return String.format(
          "%s = %d = %s - %s%s + 1 = %d - %d%s + 1",
          out, actual, in, kernel, padTerm, inSize, kernelSize, padValue);
    }
    return String.format(
        "%s = %d = (%s - %s%s)/stride + 1 = (%d - %d%s)/%d + 1",
        out, actual, in, kernel, padTerm, inSize, kernelSize, padValue, g.stride());
  }

  private static String swappedShape(String tensor, ConvGeometry g) {
    return switch (tensor) {
      case "out" ->
          String.format(
              "height and width are swapped: out has shape [N, F, W', H'] = %s; the height H' = %d"
                  + " (from H = %d) comes before the width W' = %d (from W = %d)",
              Shape.of(g.n(), g.f(), g.outWidth(), g.outHeight()),
              g.outHeight(),
              g.h(),
              g.outWidth(),
              g.w());
      case "dx" ->
          String.format(
              "dx is transposed: its height and width are swapped, [N, C, W, H] = %s instead of"
                  + " [N, C, H, W] = %s",
              Shape.of(g.n(), g.c(), g.w(), g.h()), g.xShape());
      default ->
          String.format(
              "dw is transposed: its height and width are swapped, [F, C, WW, HH] = %s instead of"
                  + " [F, C, HH, WW] = %s",
              Shape.of(g.f(), g.c(), g.ww(), g.hh()), g.wShape());
    };
  }

  private static String values(String t, Conv2dMistake mistake, ConvGeometry g) {
    return switch (mistake) {
      case STRIDE_IGNORED ->
          String.format(
              "the stride was ignored: %s matches a filter that moves 1 step at a time instead of"
                  + " stride = %d; the window of out[n][f][i][j] starts at row i*stride - pad and"
                  + " column j*stride - pad of x, in backward as in forward",
              t, g.stride());
      case PADDING_ONE_SIDE ->
          String.format(
              "padding on one side only: %s matches a layer that puts all 2*pad = %d rows and"
                  + " columns of zeros below and to the right of x; pad = %d goes on every side, so"
                  + " x[n][c][0][0] belongs at [pad][pad] = [%d][%d] of the padded input",
              t, 2 * g.pad(), g.pad(), g.pad(), g.pad());
      case FLIPPED_KERNEL -> flipped(t);
      case FIRST_CHANNEL_ONLY ->
          t.equals("out")
              ? String.format(
                  "only the first input channel was used: out matches sums over channel 0 alone;"
                      + " a filter spans the full depth of the input, so the sum runs over all C ="
                      + " %d channels",
                  g.c())
              : String.format(
                  "only the first input channel was used: %s matches gradients for channel 0"
                      + " alone, %s left zero; a filter spans the full depth of the input, so all C"
                      + " = %d channels get their gradients",
                  t, g.c() == 2 ? "channel 1" : "channels 1 to " + (g.c() - 1), g.c());
      case CHANNELS_NOT_SUMMED ->
          String.format(
              "the channels were not summed: out matches the last input channel's products alone,"
                  + " as when each channel's sum replaces the one before; a filter spans the full"
                  + " depth of the input, so its products over all C = %d channels add up",
              g.c());
      case BIAS_MISSING ->
          "the bias is missing: out matches the sums without b[f]; add b[f] once to every"
              + " out[n][f][i][j]";
      case BIAS_PER_CHANNEL ->
          String.format(
              "the bias was added once per input channel: out matches the sums plus C*b[f] ="
                  + " %d*b[f]; add b[f] once to every out[n][f][i][j], outside the loop over"
                  + " channels",
              g.c());
      case HEIGHT_WIDTH_SWAPPED -> swappedValues(t);
      case FIRST_IMAGE_ONLY -> notSummed(t, "image 0 alone", g);
      case LAST_IMAGE_ONLY ->
          notSummed(
              t,
              "the last image (image "
                  + (g.n() - 1)
                  + ") alone, as when each image's gradient replaces the one before",
              g);
      default -> throw new IllegalArgumentException(mistake + " does not explain values");
    };
  }

  private static String flipped(String t) {
    return switch (t) {
      case "out" ->
          "the kernel is flipped (a true convolution): out matches w[f][c][HH-1-p][WW-1-q] used"
              + " where w[f][c][p][q] belongs; this layer is a cross-correlation: out[n][f][i][j] ="
              + " b[f] + the sum over c, p, q of "
              + WINDOW
              + " * w[f][c][p][q]";
      case "dx" ->
          "dx was computed with the kernel flipped: dx matches w[f][c][HH-1-p][WW-1-q] used where"
              + " w[f][c][p][q] belongs; dx[n][c][i*stride+p-pad][j*stride+q-pad] gets"
              + " dout[n][f][i][j] * w[f][c][p][q]";
      default ->
          "the kernel is flipped (a true convolution): dw[f][c][HH-1-p][WW-1-q] holds what belongs"
              + " in dw[f][c][p][q] = the sum over n, i, j of dout[n][f][i][j] * "
              + WINDOW;
    };
  }

  private static String swappedValues(String t) {
    return switch (t) {
      case "out" ->
          "height and width are swapped: out[n][f][j][i] holds what belongs in out[n][f][i][j];"
              + " the third index is the row (height), the fourth the column (width)";
      case "dx" ->
          "dx is transposed: dx[n][c][j][i] holds what belongs in dx[n][c][i][j]; dx has the"
              + " layout of x, [N][C][H][W]";
      default ->
          "dw is transposed: dw[f][c][q][p] holds what belongs in dw[f][c][p][q]; dw has the"
              + " layout of w, [F][C][HH][WW]";
    };
  }

  private static String notSummed(String t, String which, ConvGeometry g) {
    String sum =
        t.equals("db")
            ? "db[f] = the sum over n, i, j of dout[n][f][i][j]"
            : "dw[f][c][p][q] = the sum over n, i, j of dout[n][f][i][j] * " + WINDOW;
    return String.format(
        "%s was not summed over the batch: it matches the gradient of %s; the same %s serves all"
            + " N = %d images, so their gradients add up: %s",
        t, which, t.equals("db") ? "b" : "w", g.n(), sum);
  }
}
