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

  /** The weights of {@link #convNet}'s model, by name, as its record takes them. */
  static final List<Argument> PARAMS =
      List.of(
          Argument.value("w1", ValueType.TENSOR4),
          Argument.value("b1", ValueType.TENSOR1),
          Argument.value("w2", ValueType.TENSOR2),
          Argument.value("b2", ValueType.TENSOR1));

  /**
   * A model shaped as CS231n's ThreeLayerConvNet: {@code (double reg)}, scores(x, ConvNetParams p),
   * loss(x, y, p) to a double, gradients() to a ConvNetParams of the loss's gradients; the gradient
   * check differentiates the loss, which takes no upstream gradient.
   */
  static LayerContract convNet(String className) {
    Argument params = Argument.record("p", "ConvNetParams", PARAMS);
    return new LayerContract(
        className,
        List.of(Argument.value("reg", ValueType.DOUBLE)),
        List.of(
            new Step(
                "scores",
                "scores",
                List.of(Argument.value("x", ValueType.TENSOR4), params),
                new Result.Value("scores", ValueType.TENSOR2),
                List.of()),
            new Step(
                "loss",
                "loss",
                List.of(
                    Argument.value("x", ValueType.TENSOR4),
                    Argument.value("y", ValueType.INTS1),
                    params),
                new Result.Value("loss", ValueType.DOUBLE),
                List.of()),
            new Step(
                "gradients",
                "gradients",
                List.of(),
                new Result.RecordOf(
                    "ConvNetParams",
                    List.of(
                        new Result.Output("dw1", ValueType.TENSOR4, "w1"),
                        new Result.Output("db1", ValueType.TENSOR1, "b1"),
                        new Result.Output("dw2", ValueType.TENSOR2, "w2"),
                        new Result.Output("db2", ValueType.TENSOR1, "b2"))),
                List.of("loss"))),
        new Backprop(
            "loss",
            "loss",
            "gradients",
            null,
            gradientsOf("dw1", "w1", "db1", "b1", "dw2", "w2", "db2", "b2")));
  }

  /** Gradient key, input key, ... in this order. */
  static Map<String, String> gradientsOf(String... pairs) {
    Map<String, String> inputOf = new java.util.LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      inputOf.put(pairs[i], pairs[i + 1]);
    }
    return inputOf;
  }
}
