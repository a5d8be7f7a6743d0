package org.cnngrader.reference;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.cnngrader.layers.conv2d.Conv2dMistake;
import org.cnngrader.layers.conv2d.ConvGeometry;
import org.cnngrader.layers.conv2d.ConvParams;
import org.cnngrader.tensor.Tensor;

/**
 * What convolution layers with known mistakes compute on a case's inputs, with ND4J: each mistake
 * is the reference convolution run on edited inputs (a stride of 1, the input padded on one side,
 * the kernel rotated, one channel, one image, ...), so that a student's tensor can be recognized as
 * that mistake's. Mistakes that change a tensor's shape are left to the output-size formula.
 */
final class MistakeModels {

  /**
   * Every modelled mistake that can occur in this case, with all the tensors it computes: ND4J's
   * values, or their rounding bounds.
   */
  static Map<Conv2dMistake, Map<String, Tensor>> computeAll(
      Conv2dComputation conv, ConvTensors.Inputs in, ConvParams params) {
    ConvGeometry g = ConvGeometry.of(in.x().shape(), in.w().shape(), params);
    Map<Conv2dMistake, Map<String, Tensor>> all = new EnumMap<>(Conv2dMistake.class);
    if (g.stride() > 1) {
      all.put(Conv2dMistake.STRIDE_IGNORED, strideIgnored(conv, in, g));
    }
    if (g.pad() > 0) {
      all.put(Conv2dMistake.PADDING_ONE_SIDE, paddingOneSide(conv, in, g));
    }
    all.put(Conv2dMistake.FLIPPED_KERNEL, flippedKernel(conv, in, params));
    if (g.c() > 1) {
      all.put(Conv2dMistake.FIRST_CHANNEL_ONLY, oneChannel(conv, in, params, 0, g.c(), true));
      all.put(
          Conv2dMistake.CHANNELS_NOT_SUMMED, oneChannel(conv, in, params, g.c() - 1, g.c(), false));
      all.put(
          Conv2dMistake.BIAS_PER_CHANNEL,
          Map.of("out", conv.forward(in.x(), in.w(), TensorEdits.times(in.b(), g.c()), params)));
    }
    all.put(
        Conv2dMistake.BIAS_MISSING,
        Map.of("out", conv.forward(in.x(), in.w(), TensorEdits.times(in.b(), 0), params)));
    all.put(Conv2dMistake.HEIGHT_WIDTH_SWAPPED, transposed(conv, in, params));
    if (g.n() > 1) {
      all.put(Conv2dMistake.FIRST_IMAGE_ONLY, oneImage(conv, in, params, 0));
      all.put(Conv2dMistake.LAST_IMAGE_ONLY, oneImage(conv, in, params, g.n() - 1));
    }
    return all;
  }

  /**
   * The filter steps 1 at a time but out keeps its right size: out[i][j] is the stride-1 output at
   * (i, j), and backward sends dout to those positions.
   */
  private static Map<String, Tensor> strideIgnored(
      Conv2dComputation conv, ConvTensors.Inputs in, ConvGeometry g) {
    ConvParams step1 = new ConvParams(1, g.pad());
    int rows = g.h() - g.hh() + 2 * g.pad() + 1;
    int cols = g.w() - g.ww() + 2 * g.pad() + 1;
    Tensor out =
        TensorEdits.topLeft(
            conv.forward(in.x(), in.w(), in.b(), step1), g.outHeight(), g.outWidth());
    Nd4jConv2d.Backward back =
        conv.backward(in.x(), in.w(), in.b(), TensorEdits.topLeft(in.dout(), rows, cols), step1);
    return tensors(out, back.dx(), back.dw(), back.db());
  }

  /** x copied to the corner of the padded input: all 2*pad zeros below and to the right. */
  private static Map<String, Tensor> paddingOneSide(
      Conv2dComputation conv, ConvTensors.Inputs in, ConvGeometry g) {
    ConvParams noPad = new ConvParams(g.stride(), 0);
    Tensor padded = TensorEdits.topLeft(in.x(), g.h() + 2 * g.pad(), g.w() + 2 * g.pad());
    Tensor out = conv.forward(padded, in.w(), in.b(), noPad);
    Nd4jConv2d.Backward back = conv.backward(padded, in.w(), in.b(), in.dout(), noPad);
    return tensors(out, TensorEdits.topLeft(back.dx(), g.h(), g.w()), back.dw(), back.db());
  }

  /**
   * A true convolution, with w[f][c][HH-1-p][WW-1-q] where w[f][c][p][q] belongs: its dx is also
   * that of a backward pass that flips the kernel, and its dw lands flipped.
   */
  private static Map<String, Tensor> flippedKernel(
      Conv2dComputation conv, ConvTensors.Inputs in, ConvParams params) {
    Tensor rotated = TensorEdits.rotate180(in.w());
    Tensor out = conv.forward(in.x(), rotated, in.b(), params);
    Nd4jConv2d.Backward back = conv.backward(in.x(), rotated, in.b(), in.dout(), params);
    return tensors(out, back.dx(), TensorEdits.rotate180(back.dw()), back.db());
  }

  /**
   * Every filter reads input channel {@code channel} alone. With {@code gradients}, backward does
   * too, leaving the other channels' dx and dw zero.
   */
  private static Map<String, Tensor> oneChannel(
      Conv2dComputation conv,
      ConvTensors.Inputs in,
      ConvParams params,
      int channel,
      int channels,
      boolean gradients) {
    Tensor x = TensorEdits.slice(in.x(), 1, channel, channel + 1);
    Tensor w = TensorEdits.slice(in.w(), 1, channel, channel + 1);
    Tensor out = conv.forward(x, w, in.b(), params);
    if (!gradients) {
      return Map.of("out", out);
    }
    Nd4jConv2d.Backward back = conv.backward(x, w, in.b(), in.dout(), params);
    return tensors(
        out,
        TensorEdits.embed(back.dx(), 1, channel, channels),
        TensorEdits.embed(back.dw(), 1, channel, channels),
        back.db());
  }

  /** Height and width swapped throughout: every tensor comes out transposed. */
  private static Map<String, Tensor> transposed(
      Conv2dComputation conv, ConvTensors.Inputs in, ConvParams params) {
    Tensor x = TensorEdits.transpose(in.x());
    Tensor w = TensorEdits.transpose(in.w());
    Tensor out = conv.forward(x, w, in.b(), params);
    Nd4jConv2d.Backward back =
        conv.backward(x, w, in.b(), TensorEdits.transpose(in.dout()), params);
    return tensors(out, back.dx(), back.dw(), back.db());
  }

  /** dw and db of one image of the batch. */
  private static Map<String, Tensor> oneImage(
      Conv2dComputation conv, ConvTensors.Inputs in, ConvParams params, int image) {
    Nd4jConv2d.Backward back =
        conv.backward(
            TensorEdits.slice(in.x(), 0, image, image + 1),
            in.w(),
            in.b(),
            TensorEdits.slice(in.dout(), 0, image, image + 1),
            params);
    Map<String, Tensor> tensors = new LinkedHashMap<>();
    tensors.put("dw", back.dw());
    tensors.put("db", back.db());
    return tensors;
  }

  private static Map<String, Tensor> tensors(Tensor out, Tensor dx, Tensor dw, Tensor db) {
    Map<String, Tensor> tensors = new LinkedHashMap<>();
    tensors.put("out", out);
    tensors.put("dx", dx);
    tensors.put("dw", dw);
    tensors.put("db", db);
    return tensors;
  }
}
