package org.cnngrader.template;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cnngrader.bounds.LayerBounds;
import org.cnngrader.layer.KnownMistake;
import org.cnngrader.layer.Layer;
import org.cnngrader.layer.ParamSpec;
import org.cnngrader.layer.Params;
import org.cnngrader.layer.Part;
import org.cnngrader.layer.Setting;
import org.cnngrader.layer.ShapeCandidate;
import org.cnngrader.layer.TensorSpec;
import org.cnngrader.runner.Argument;
import org.cnngrader.runner.Backprop;
import org.cnngrader.runner.LayerContract;
import org.cnngrader.runner.Result;
import org.cnngrader.runner.Step;
import org.cnngrader.runner.ValueType;
import org.cnngrader.tensor.Shape;
import org.cnngrader.tensor.Tensor;

/**
 * A layer of a contract and words alone, as a description file gives them: all the template needs.
 * The notebook's layers below keep the student contracts of CS231n's CNN notebook.
 */
final class WordedLayer implements Layer {

  private final String id;
  private final LayerContract contract;
  private final List<ParamSpec> params;
  private final List<TensorSpec> inputs;
  private final List<TensorSpec> outputs;
  private final String summary;
  private final Map<String, String> stepDocs;
  private final List<String> sizeFormulas;

  WordedLayer(
      String id,
      LayerContract contract,
      List<ParamSpec> params,
      List<TensorSpec> inputs,
      List<TensorSpec> outputs,
      String summary,
      Map<String, String> stepDocs,
      List<String> sizeFormulas) {
    this.id = id;
    this.contract = contract;
    this.params = params;
    this.inputs = inputs;
    this.outputs = outputs;
    this.summary = summary;
    this.stepDocs = stepDocs;
    this.sizeFormulas = sizeFormulas;
  }

  /** The same layer with another contract: a name or a signature changed. */
  WordedLayer with(LayerContract other) {
    return new WordedLayer(id, other, params, inputs, outputs, summary, stepDocs, sizeFormulas);
  }

  /** The same layer with another summary. */
  WordedLayer withSummary(String other) {
    return new WordedLayer(id, contract, params, inputs, outputs, other, stepDocs, sizeFormulas);
  }

  static WordedLayer affine() {
    LayerContract contract =
        new LayerContract(
            "cnn.Affine",
            List.of(),
            List.of(
                new Step(
                    "forward",
                    "forward",
                    List.of(
                        Argument.value("x", ValueType.TENSOR2),
                        Argument.value("w", ValueType.TENSOR2),
                        Argument.value("b", ValueType.TENSOR1)),
                    new Result.Value("out", ValueType.TENSOR2),
                    List.of()),
                new Step(
                    "backward",
                    "backward",
                    List.of(Argument.value("dout", ValueType.TENSOR2)),
                    Result.RecordOf.of(
                        "AffineGradients",
                        Result.RecordOf.component("dx", ValueType.TENSOR2),
                        Result.RecordOf.component("dw", ValueType.TENSOR2),
                        Result.RecordOf.component("db", ValueType.TENSOR1)),
                    List.of("forward"))),
            new Backprop(
                "forward", "out", "backward", "dout", map("dx", "x", "dw", "w", "db", "b")));
    return new WordedLayer(
        "affine",
        contract,
        List.of(),
        List.of(
            new TensorSpec("x", 2, "[N, D]: N rows of D features"),
            new TensorSpec("w", 2, "[D, M]: the weights, D by M"),
            new TensorSpec("b", 1, "[M]: one bias per output"),
            new TensorSpec("dout", 2, "[N, M]: the upstream gradient")),
        List.of(
            new TensorSpec("out", 2, "[N, M]"),
            new TensorSpec("dx", 2, "[N, D]: the shape of x"),
            new TensorSpec("dw", 2, "[D, M]: the shape of w"),
            new TensorSpec("db", 1, "[M]: the shape of b")),
        "CS231n's affine_forward and affine_backward: out = x w + b, each of the N rows of x times"
            + " w, plus b.",
        Map.of(
            "forward", "out[N][M] = x[N][D] w[D][M] + b[M]",
            "backward", "The gradients of the latest forward."),
        List.of());
  }

  static WordedLayer relu() {
    LayerContract contract =
        new LayerContract(
            "cnn.ReLU",
            List.of(),
            List.of(
                new Step(
                    "forward",
                    "forward",
                    List.of(Argument.value("x", ValueType.TENSOR2)),
                    new Result.Value("out", ValueType.TENSOR2),
                    List.of()),
                new Step(
                    "backward",
                    "backward",
                    List.of(Argument.value("dout", ValueType.TENSOR2)),
                    new Result.Value("dx", ValueType.TENSOR2),
                    List.of("forward"))),
            new Backprop("forward", "out", "backward", "dout", map("dx", "x")));
    return new WordedLayer(
        "relu",
        contract,
        List.of(),
        List.of(new TensorSpec("x", 2, "[N, D]"), new TensorSpec("dout", 2, "[N, D]")),
        List.of(new TensorSpec("out", 2, "[N, D]"), new TensorSpec("dx", 2, "[N, D]")),
        "max(0, x), element by element.",
        Map.of(),
        List.of());
  }

  /** Its labels and its loss are no tensors a layer may list yet: their words are their keys. */
  static WordedLayer softmaxLoss() {
    LayerContract contract =
        new LayerContract(
            "cnn.SoftmaxLoss",
            List.of(),
            List.of(
                new Step(
                    "forward",
                    "forward",
                    List.of(
                        Argument.value("scores", ValueType.TENSOR2),
                        Argument.value("y", ValueType.INTS1)),
                    new Result.Value("loss", ValueType.DOUBLE),
                    List.of()),
                new Step(
                    "backward",
                    "backward",
                    List.of(),
                    new Result.Value("dscores", ValueType.TENSOR2),
                    List.of("forward"))),
            new Backprop("forward", "loss", "backward", null, map("dscores", "scores")));
    return new WordedLayer(
        "softmax_loss",
        contract,
        List.of(),
        List.of(new TensorSpec("scores", 2, "[N, C]: a score per class")),
        List.of(new TensorSpec("dscores", 2, "[N, C]: the shape of scores")),
        "The mean cross-entropy of the softmax of each row of scores.",
        Map.of(),
        List.of());
  }

  static WordedLayer threeLayerConvNet() {
    List<Argument> weights =
        List.of(
            Argument.value("w1", ValueType.TENSOR4),
            Argument.value("b1", ValueType.TENSOR1),
            Argument.value("w2", ValueType.TENSOR2),
            Argument.value("b2", ValueType.TENSOR1),
            Argument.value("w3", ValueType.TENSOR2),
            Argument.value("b3", ValueType.TENSOR1));
    Argument p = Argument.record("p", "ConvNetParams", weights);
    LayerContract contract =
        new LayerContract(
            "cnn.ThreeLayerConvNet",
            List.of(Argument.value("reg", ValueType.DOUBLE)),
            List.of(
                new Step(
                    "scores",
                    "scores",
                    List.of(Argument.value("x", ValueType.TENSOR4), p),
                    new Result.Value("scores", ValueType.TENSOR2),
                    List.of()),
                new Step(
                    "loss",
                    "loss",
                    List.of(
                        Argument.value("x", ValueType.TENSOR4),
                        Argument.value("y", ValueType.INTS1),
                        p),
                    new Result.Value("loss", ValueType.DOUBLE),
                    List.of()),
                new Step(
                    "gradients",
                    "gradients",
                    List.of(),
                    new Result.RecordOf(
                        "ConvNetParams",
                        weights.stream()
                            .map(w -> new Result.Output("d" + w.name(), w.type(), w.name()))
                            .toList()),
                    List.of("loss"))),
            new Backprop(
                "loss",
                "loss",
                "gradients",
                null,
                map("dw1", "w1", "db1", "b1", "dw2", "w2", "db2", "b2", "dw3", "w3", "db3", "b3")));
    return new WordedLayer(
        "three_layer_convnet",
        contract,
        List.of(ParamSpec.real("reg", 0)),
        List.of(
            new TensorSpec("x", 4, "[N, C, H, W]"),
            new TensorSpec("w1", 4, "[F, C, HH, WW]"),
            new TensorSpec("b1", 1, "[F]"),
            new TensorSpec("w2", 2, "[F*(H/2)*(W/2), K]"),
            new TensorSpec("b2", 1, "[K]"),
            new TensorSpec("w3", 2, "[K, classes]"),
            new TensorSpec("b3", 1, "[classes]")),
        List.of(
            new TensorSpec("scores", 2, "[N, classes]"),
            new TensorSpec("dw1", 4, "the shape of w1")),
        "conv - relu - 2x2 max pool - affine - relu - affine - softmax.",
        Map.of(),
        List.of("H' = H/2", "W' = W/2"));
  }

  static Map<String, String> map(String... keysAndValues) {
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put(keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public LayerContract contract() {
    return contract;
  }

  @Override
  public List<ParamSpec> params() {
    return params;
  }

  @Override
  public List<TensorSpec> inputs() {
    return inputs;
  }

  @Override
  public List<TensorSpec> outputs() {
    return outputs;
  }

  @Override
  public List<Part> parts() {
    return List.of();
  }

  @Override
  public List<KnownMistake> mistakes() {
    return List.of();
  }

  @Override
  public String summary() {
    return summary;
  }

  @Override
  public String stepDoc(String key) {
    return stepDocs.getOrDefault(key, Layer.super.stepDoc(key));
  }

  @Override
  public List<String> sizeFormulas() {
    return sizeFormulas;
  }

  @Override
  public Map<String, Shape> shapes(Params params, Map<String, Shape> inputs) {
    throw new IllegalStateException("a template needs no shapes");
  }

  @Override
  public LayerBounds bounds(Params params, Map<String, Tensor> inputs) {
    throw new IllegalStateException("a template needs no bounds");
  }

  @Override
  public List<ShapeCandidate> shapeMistakes(Setting setting, String tensor) {
    throw new IllegalStateException("a template needs no mistakes");
  }

  @Override
  public String shouldHaveShape(String tensor, Shape expected, Shape actual, Setting setting) {
    throw new IllegalStateException("a template needs no feedback");
  }

  @Override
  public String likelyMistake(
      KnownMistake mistake, String tensor, Shape wrongShape, Setting setting) {
    throw new IllegalStateException("a template needs no feedback");
  }

  @Override
  public SmallCase smallCase() {
    throw new IllegalStateException("a template needs no gradient check");
  }
}
