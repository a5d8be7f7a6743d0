package org.cnngrader.layers.batchnorm;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.cnngrader.bounds.LayerBounds;
import org.cnngrader.layer.DescribedLayer;
import org.cnngrader.layer.InvalidCase;
import org.cnngrader.layer.KnownMistake;
import org.cnngrader.layer.LayerTolerance;
import org.cnngrader.layer.ParamSpec;
import org.cnngrader.layer.Params;
import org.cnngrader.layer.Part;
import org.cnngrader.layer.Setting;
import org.cnngrader.layer.ShapeCandidate;
import org.cnngrader.layer.TensorSpec;
import org.cnngrader.layers.norm.NormContract;
import org.cnngrader.layers.norm.NormFormula;
import org.cnngrader.layers.norm.NormWords;
import org.cnngrader.runner.Argument;
import org.cnngrader.runner.Backprop;
import org.cnngrader.runner.LayerContract;
import org.cnngrader.runner.Result;
import org.cnngrader.runner.Step;
import org.cnngrader.runner.ValueType;
import org.cnngrader.tensor.Shape;
import org.cnngrader.tensor.Tensor;

/**
 * CS231n's spatial_batchnorm_forward and spatial_batchnorm_backward: x[N][C][H][W] normalized per
 * channel over N, H and W. A case is a short history: T train-mode batches fed to forward in order
 * (the last one's out, then backward's gradients), then a test-mode forward on another batch, then
 * the running mean and variance, momentum * running + (1 - momentum) * the batch's (biased)
 * statistic after each train batch.
 */
public final class SpatialBatchNormLayer extends DescribedLayer {

  private static final LayerContract CONTRACT =
      new LayerContract(
          "cnn.SpatialBatchNorm",
          List.of(
              Argument.sizeOf("channels", "x_train", 2),
              Argument.value("eps", ValueType.DOUBLE),
              Argument.value("momentum", ValueType.DOUBLE)),
          List.of(
              new Step(
                  "forward_train",
                  "forward",
                  List.of(
                      Argument.eachSliceOf("x", ValueType.TENSOR4, "x_train"),
                      Argument.value("gamma", ValueType.TENSOR1),
                      Argument.value("beta", ValueType.TENSOR1),
                      Argument.constant("train", ValueType.BOOLEAN, true)),
                  new Result.Value("out", ValueType.TENSOR4),
                  List.of()),
              new Step(
                  "backward",
                  "backward",
                  List.of(Argument.value("dout", ValueType.TENSOR4)),
                  NormContract.GRADIENTS,
                  List.of("forward_train")),
              new Step(
                  "forward_test",
                  "forward",
                  List.of(
                      Argument.value("x", ValueType.TENSOR4, "x_test"),
                      Argument.value("gamma", ValueType.TENSOR1),
                      Argument.value("beta", ValueType.TENSOR1),
                      Argument.constant("train", ValueType.BOOLEAN, false)),
                  new Result.Value("out_test", ValueType.TENSOR4),
                  List.of("forward_train")),
              new Step(
                  "running_mean",
                  "runningMean",
                  List.of(),
                  new Result.Value("running_mean", ValueType.TENSOR1),
                  List.of("forward_train")),
              new Step(
                  "running_var",
                  "runningVar",
                  List.of(),
                  new Result.Value("running_var", ValueType.TENSOR1),
                  List.of("forward_train"))),
          new Backprop("forward_train", "out", "backward", "dout", gradientInputs()));

  public static final Part FORWARD = Part.values("forward", "forward values", 2, "out");
  public static final Part RUNNING_MEAN =
      Part.values("running_mean", "running mean", 1, "running_mean");
  public static final Part RUNNING_VAR =
      Part.values("running_var", "running variance", 1, "running_var");
  public static final Part DX = Part.values("dx", "backward dx", 2, "dx");
  public static final Part DGAMMA = Part.values("dgamma", "backward dgamma", 1, "dgamma");
  public static final Part DBETA = Part.values("dbeta", "backward dbeta", 1, "dbeta");
  public static final Part TEST = Part.values("test", "test-mode forward", 2, "out_test");

  private static final List<ParamSpec> PARAMS =
      List.of(ParamSpec.real("eps", 0), ParamSpec.real("momentum", 0));

  /** A train batch; the test-mode batch has the same channels, and sizes of its own. */
  private static final String[] BATCH = {"N", "C", "H", "W"};

  private static final String[] TEST_BATCH = {"N_test", "C", "H_test", "W_test"};

  private static final List<TensorSpec> INPUTS =
      List.of(
          new TensorSpec("x_train", 5, "[T, N, C, H, W]: T train-mode batches, in order")
              .withDims("T", "N", "C", "H", "W"),
          new TensorSpec("gamma", 1, "[C]: one scale per channel").withDims("C"),
          new TensorSpec("beta", 1, "[C]: one shift per channel").withDims("C"),
          new TensorSpec("dout", 4, "the shape of a train batch, [N, C, H, W]").withDims(BATCH),
          new TensorSpec("x_test", 4, "[N, C, H, W]: the test-mode batch").withDims(TEST_BATCH));

  private static final List<TensorSpec> OUTPUTS =
      List.of(
          new TensorSpec("out", 4, "the shape of a train batch").withDims(BATCH),
          new TensorSpec("dx", 4, "the shape of a train batch").withDims(BATCH),
          new TensorSpec("dgamma", 1, "the shape of gamma: one value per channel").withDims("C"),
          new TensorSpec("dbeta", 1, "the shape of beta: one value per channel").withDims("C"),
          new TensorSpec("out_test", 4, "the shape of x_test").withDims(TEST_BATCH),
          new TensorSpec("running_mean", 1, "[C]: one value per channel").withDims("C"),
          new TensorSpec("running_var", 1, "[C]: one value per channel").withDims("C"));

  private static final long SMALL_CASE_SEED = 1601;

  /** The layer; declared after the description it is made of, which it checks. */
  public static final SpatialBatchNormLayer LAYER = new SpatialBatchNormLayer();

  private SpatialBatchNormLayer() {
    super(
        "spatial_batchnorm",
        CONTRACT,
        PARAMS,
        INPUTS,
        OUTPUTS,
        List.of(FORWARD, RUNNING_MEAN, RUNNING_VAR, DX, DGAMMA, DBETA, TEST),
        List.of(BatchNormMistake.values()));
  }

  private static Map<String, String> gradientInputs() {
    Map<String, String> inputs = new LinkedHashMap<>(NormContract.GRADIENT_INPUTS);
    inputs.put("dx", "x_train");
    return inputs;
  }

  /** The case's parameters, from the constructor's arguments. */
  public static Params params(double eps, double momentum) {
    Map<String, Number> values = new LinkedHashMap<>();
    values.put("eps", eps);
    values.put("momentum", momentum);
    return Params.of(PARAMS, values);
  }

  /** The shape of one train batch, [N, C, H, W], of x_train's [T, N, C, H, W]. */
  public static Shape batchShape(Shape xTrain) {
    return Shape.of(xTrain.dim(1), xTrain.dim(2), xTrain.dim(3), xTrain.dim(4));
  }

  /** Train batch {@code t} of x_train [T, N, C, H, W]: the input of train-mode call t. */
  public static Tensor batch(Tensor xTrain, int t) {
    Shape batch = batchShape(xTrain.shape());
    double[] values = new double[batch.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = xTrain.get(t * values.length + i);
    }
    return new Tensor(batch, values);
  }

  @Override
  public Map<String, Shape> shapes(Params params, Map<String, Shape> inputs) {
    Shape xTrain = inputs.get("x_train");
    if (xTrain == null || xTrain.rank() != 5) {
      throw new InvalidCase(
          "inputs.x_train", "x_train must have rank 5 [T, N, C, H, W], found " + xTrain);
    }
    Shape xTest = inputs.get("x_test");
    if (xTest == null || xTest.rank() != 4 || xTest.dim(1) != xTrain.dim(2)) {
      throw new InvalidCase(
          "inputs.x_test",
          "x_test must have rank 4 [N, C, H, W] with the C = "
              + xTrain.dim(2)
              + " channels of x_train, found "
              + xTest);
    }
    NormContract.requirePositiveEps(params);
    if (params.real("momentum") > 1) {
      throw new InvalidCase(
          "params.momentum", "momentum must be between 0 and 1, found " + params.real("momentum"));
    }
    Shape batch = batchShape(xTrain);
    Shape perChannel = Shape.of(batch.dim(1));
    Map<String, Shape> shapes = new LinkedHashMap<>();
    shapes.put("x_train", xTrain);
    shapes.put("gamma", perChannel);
    shapes.put("beta", perChannel);
    shapes.put("dout", batch);
    shapes.put("x_test", xTest);
    shapes.put("out", batch);
    shapes.put("dx", batch);
    shapes.put("dgamma", perChannel);
    shapes.put("dbeta", perChannel);
    shapes.put("out_test", xTest);
    shapes.put("running_mean", perChannel);
    shapes.put("running_var", perChannel);
    return shapes;
  }

  @Override
  public LayerBounds bounds(Params params, Map<String, Tensor> inputs) {
    return new BatchNormBounds(
        NormFormula.STANDARD,
        inputs.get("x_train"),
        inputs.get("gamma"),
        inputs.get("beta"),
        inputs.get("dout"),
        inputs.get("x_test"),
        params.real("eps"),
        params.real("momentum"));
  }

  @Override
  public LayerTolerance tolerance() {
    return NormContract.TOLERANCE;
  }

  @Override
  public List<ShapeCandidate> shapeMistakes(Setting setting, String tensor) {
    return List.of();
  }

  @Override
  public String shouldHaveShape(String tensor, Shape expected, Shape actual, Setting setting) {
    return NormWords.shouldHaveShape(tensor, expected, actual, setting);
  }

  @Override
  public String likelyMistake(
      KnownMistake mistake, String tensor, Shape wrongShape, Setting setting) {
    return BatchNormWords.likelyMistake(
        (BatchNormMistake) mistake,
        tensor,
        setting.shape("x_train"),
        setting.params().real("momentum"),
        setting.params().real("eps"));
  }

  /** One train batch of two samples, three channels, 3x2: every path of the gradient. */
  @Override
  public SmallCase smallCase() {
    SplittableRandom random = new SplittableRandom(SMALL_CASE_SEED);
    Shape xTrain = Shape.of(1, 2, 3, 3, 2);
    Shape batch = batchShape(xTrain);
    Map<String, Tensor> inputs = new LinkedHashMap<>();
    inputs.put("x_train", NormContract.draw(xTrain, random, 1.5, 0.5));
    inputs.put("gamma", NormContract.draw(Shape.of(3), random, 1, 1));
    inputs.put("beta", NormContract.draw(Shape.of(3), random, 1, 0));
    inputs.put("dout", new Tensor(batch, new double[batch.size()]));
    inputs.put("x_test", NormContract.draw(batch, random, 1.5, 0.5));
    return new SmallCase(params(1e-5, 0.9), inputs, SMALL_CASE_SEED);
  }
}
