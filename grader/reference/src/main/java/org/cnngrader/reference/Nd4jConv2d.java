package org.cnngrader.reference;

import org.cnngrader.layers.conv2d.ConvGeometry;
import org.cnngrader.layers.conv2d.ConvParams;
import org.cnngrader.tensor.Shape;
import org.cnngrader.tensor.Tensor;
import org.nd4j.enums.WeightsFormat;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The reference convolution, computed by ND4J in double precision: forward with Conv2D on OIYX
 * weights ([F][C][HH][WW], the contract's layout), backward with the {@code conv2d_bp} op
 * (SameDiff's gradients lose the weight format in this version).
 */
public final class Nd4jConv2d {

  /** The library and version recorded in every fixture this class computes. */
  public static final String LIBRARY = "nd4j";

  public static final String VERSION = "1.0.0-M2.1";

  /** The integer arguments of conv2d_bp: VALID padding mode, NCHW data, OIYX weights. */
  private static final int VALID = 0;

  private static final int NCHW = 0;
  private static final int OIYX = 1;

  /** The reference gradients of one case. */
  public record Backward(Tensor dx, Tensor dw, Tensor db) {}

  static {
    // ND4J computes in FLOAT unless told otherwise, and mixing types fails.
    Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
  }

  private Nd4jConv2d() {}

  public static Tensor forward(Tensor x, Tensor w, Tensor b, ConvParams params) {
    ConvGeometry geometry = ConvGeometry.of(x.shape(), w.shape(), params);
    try (INDArray xs = array(x);
        INDArray ws = array(w);
        INDArray bs = array(b);
        INDArray out = Nd4j.cnn().conv2d(xs, ws, bs, config(geometry))) {
      return tensor(out, geometry.outShape());
    }
  }

  public static Backward backward(Tensor x, Tensor w, Tensor b, Tensor dout, ConvParams params) {
    ConvGeometry g = ConvGeometry.of(x.shape(), w.shape(), params);
    try (INDArray xs = array(x);
        INDArray ws = array(w);
        INDArray bs = array(b);
        INDArray douts = array(dout);
        INDArray dx = Nd4j.zeros(DataType.DOUBLE, toLong(x.shape()));
        INDArray dw = Nd4j.zeros(DataType.DOUBLE, toLong(w.shape()));
        INDArray db = Nd4j.zeros(DataType.DOUBLE, toLong(b.shape()))) {
      Nd4j.exec(
          DynamicCustomOp.builder("conv2d_bp")
              .addInputs(xs, ws, bs, douts)
              .addOutputs(dx, dw, db)
              .addIntegerArguments(
                  g.hh(), g.ww(), g.stride(), g.stride(), g.pad(), g.pad(), 1, 1, VALID, NCHW, OIYX)
              .build());
      return new Backward(tensor(dx, x.shape()), tensor(dw, w.shape()), tensor(db, b.shape()));
    }
  }

  private static Conv2DConfig config(ConvGeometry g) {
    return Conv2DConfig.builder()
        .kH(g.hh())
        .kW(g.ww())
        .sH(g.stride())
        .sW(g.stride())
        .pH(g.pad())
        .pW(g.pad())
        .dH(1)
        .dW(1)
        .paddingMode(PaddingMode.VALID)
        .dataFormat(Conv2DConfig.NCHW)
        .weightsFormat(WeightsFormat.OIYX)
        .build();
  }

  private static INDArray array(Tensor tensor) {
    return Nd4j.create(tensor.data(), toLong(tensor.shape()), DataType.DOUBLE);
  }

  private static Tensor tensor(INDArray array, Shape expected) {
    Shape shape =
        new Shape(java.util.Arrays.stream(array.shape()).mapToInt(Math::toIntExact).toArray());
    if (!shape.equals(expected)) {
      throw new IllegalStateException(
          "ND4J returned shape " + shape + " where " + expected + " was expected");
    }
    return new Tensor(shape, array.dup('c').data().asDouble());
  }

  private static long[] toLong(Shape shape) {
    return java.util.Arrays.stream(shape.dims()).asLongStream().toArray();
  }
}
