package org.cnngrader.runner;

import java.util.List;
import java.util.Map;

/** Contracts as the grader describes its layers, for classes of the tests' own. */
final class Contracts {

  private Contracts() {}

  /** Conv2d's: {@code (int stride, int pad)}, forward(x, w, b), backward(dout) to Gradients. */
  static LayerContract conv2d(Class<?> type) {
    return new LayerContract(
        type.getName(),
        List.of(Argument.value("stride", ValueType.INT), Argument.value("pad", ValueType.INT)),
        List.of(
            new Step(
                "forward",
                "forward",
                List.of(
                    Argument.value("x", ValueType.TENSOR4),
                    Argument.value("w", ValueType.TENSOR4),
                    Argument.value("b", ValueType.TENSOR1)),
                new Result.Value("out", ValueType.TENSOR4),
                List.of()),
            new Step(
                "backward",
                "backward",
                List.of(Argument.value("dout", ValueType.TENSOR4)),
                Result.RecordOf.of(
                    "Gradients",
                    Result.RecordOf.component("dx", ValueType.TENSOR4),
                    Result.RecordOf.component("dw", ValueType.TENSOR4),
                    Result.RecordOf.component("db", ValueType.TENSOR1)),
                List.of("forward"))),
        new Backprop(
            "forward", "out", "backward", "dout", Map.of("dx", "x", "dw", "w", "db", "b")));
  }
}
