package org.cnngrader.reference;

import org.cnngrader.layers.maxpool2d.PoolGeometry;
import org.cnngrader.tensor.Tensor;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Pooling computed by ND4J in double precision, NCHW, without padding: max pooling ({@code
 * maxpool2d}, {@code maxpool2d_bp}, whose gradient goes to the first maximum of a window in
 * row-major order) and average pooling ({@code avgpool2d}, {@code avgpool2d_bp}), which the mistake
 * models use.
 */
final class Nd4jPooling {

  /** Max or average: the op's name without its {@code 2d}. */
  enum Kind {
    MAX("maxpool2d"),
    AVERAGE("avgpool2d");

    private final String op;

    Kind(String op) {
      this.op = op;
    }
  }

  private static final int VALID = 0;
  private static final int NCHW = 0;

  /** For average pooling, divide by the window's size; max pooling ignores it. */
  private static final int DIVIDE_BY_WINDOW = 1;

  private Nd4jPooling() {}

  static Tensor forward(Kind kind, Tensor x, PoolGeometry g) {
    try (INDArray xs = Nd4jArrays.array(x);
        INDArray out = Nd4jArrays.zeros(g.outShape())) {
      Nd4j.exec(
          DynamicCustomOp.builder(kind.op)
              .addInputs(xs)
              .addOutputs(out)
              .addIntegerArguments(arguments(g))
              .build());
      return Nd4jArrays.tensor(out, g.outShape());
    }
  }

  static Tensor backward(Kind kind, Tensor x, Tensor dout, PoolGeometry g) {
    try (INDArray xs = Nd4jArrays.array(x);
        INDArray douts = Nd4jArrays.array(dout);
        INDArray dx = Nd4jArrays.zeros(g.xShape())) {
      Nd4j.exec(
          DynamicCustomOp.builder(kind.op + "_bp")
              .addInputs(xs, douts)
              .addOutputs(dx)
              .addIntegerArguments(arguments(g))
              .build());
      return Nd4jArrays.tensor(dx, g.xShape());
    }
  }

  /** kH, kW, sH, sW, pH, pW, dH, dW, same mode, extra, data format. */
  private static int[] arguments(PoolGeometry g) {
    return new int[] {
      g.poolHeight(),
      g.poolWidth(),
      g.stride(),
      g.stride(),
      0,
      0,
      1,
      1,
      VALID,
      DIVIDE_BY_WINDOW,
      NCHW
    };
  }
}
