package org.cnngrader.layers.groupnorm;

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
import org.cnngrader.layers.norm.NormGrouping;
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
 * CS231n's spatial_groupnorm_forward and spatial_groupnorm_backward: x[N][C][H][W] in G groups of
 * C/G channels; per sample and group, x_hat = (x - mean)/sqrt(var + eps) over the group's channels,
 * H and W (the biased variance), out = gamma * x_hat + beta with gamma and beta one per channel.
 */
public final class SpatialGroupNormLayer extends DescribedLayer {

  private static final LayerContract CONTRACT =
      new LayerContract(
          "cnn.SpatialGroupNorm",
          List.of(Argument.value("groups", ValueType.INT), Argument.value("eps", ValueType.DOUBLE)),
          List.of(
              new Step(
                  "forward",
                  "forward",
                  List.of(
                      Argument.value("x", ValueType.TENSOR4),
                      Argument.value("gamma", ValueType.TENSOR1),
                      Argument.value("beta", ValueType.TENSOR1)),
                  new Result.Value("out", ValueType.TENSOR4),
                  List.of()),
              new Step(
                  "backward",
                  "backward",
                  List.of(Argument.value("dout", ValueType.TENSOR4)),
                  NormContract.GRADIENTS,
                  List.of("forward"))),
          new Backprop("forward", "out", "backward", "dout", NormContract.GRADIENT_INPUTS));

  public static final Part FORWARD = Part.values("forward", "forward values", 2, "out");
  public static final Part DX = Part.values("dx", "backward dx", 2, "dx");
  public static final Part DGAMMA = Part.values("dgamma", "backward dgamma", 1, "dgamma");
  public static final Part DBETA = Part.values("dbeta", "backward dbeta", 1, "dbeta");

  private static final List<ParamSpec> PARAMS =
      List.of(ParamSpec.integer("groups", 1), ParamSpec.real("eps", 0));

  private static final List<TensorSpec> INPUTS =
      List.of(
          new TensorSpec("x", 4, "[N, C, H, W]").withDims("N", "C", "H", "W"),
          new TensorSpec("gamma", 1, "[C]: one scale per channel").withDims("C"),
          new TensorSpec("beta", 1, "[C]: one shift per channel").withDims("C"),
          new TensorSpec("dout", 4, "the shape of x").withDims("N", "C", "H", "W"));

  private static final List<TensorSpec> OUTPUTS =
      List.of(
          new TensorSpec("out", 4, "the shape of x").withDims("N", "C", "H", "W"),
          new TensorSpec("dx", 4, "the shape of x").withDims("N", "C", "H", "W"),
          new TensorSpec("dgamma", 1, "the shape of gamma: one value per channel").withDims("C"),
          new TensorSpec("dbeta", 1, "the shape of beta: one value per channel").withDims("C"));

  private static final long SMALL_CASE_SEED = 1501;

  /** The layer; declared after the description it is made of, which it checks. */
  public static final SpatialGroupNormLayer LAYER = new SpatialGroupNormLayer();

  private SpatialGroupNormLayer() {
    super(
        "spatial_groupnorm",
        CONTRACT,
        PARAMS,
        INPUTS,
        OUTPUTS,
        List.of(FORWARD, DX, DGAMMA, DBETA),
        List.of(GroupNormMistake.values()));
  }

  /** The case's parameters, from the constructor's arguments. */
  public static Params params(int groups, double eps) {
    Map<String, Number> values = new LinkedHashMap<>();
    values.put("groups", groups);
    values.put("eps", eps);
    return Params.of(PARAMS, values);
  }

  /** The grouping of a case: per sample and group of C/G channels. */
  public static NormGrouping grouping(Shape x, Params params) {
    return NormGrouping.perGroup(x, params.integer("groups"));
  }

  @Override
  public Map<String, Shape> shapes(Params params, Map<String, Shape> inputs) {
    Shape x = inputs.get("x");
    if (x == null || x.rank() != 4) {
      throw new InvalidCase("inputs.x", "x must have rank 4 [N, C, H, W], found " + x);
    }
    int groups = params.integer("groups");
    if (x.dim(1) % groups != 0) {
      throw new InvalidCase(
          "params.groups",
          String.format(
              "groups = %d must divide the C = %d channels: each group holds C/G of them",
              groups, x.dim(1)));
    }
    NormContract.requirePositiveEps(params);
    Shape perChannel = Shape.of(x.dim(1));
    Map<String, Shape> shapes = new LinkedHashMap<>();
    shapes.put("x", x);
    shapes.put("gamma", perChannel);
    shapes.put("beta", perChannel);
    shapes.put("dout", x);
    shapes.put("out", x);
    shapes.put("dx", x);
    shapes.put("dgamma", perChannel);
    shapes.put("dbeta", perChannel);
    return shapes;
  }

  @Override
  public LayerBounds bounds(Params params, Map<String, Tensor> inputs) {
    return new GroupNormBounds(
        inputs.get("x"),
        inputs.get("gamma"),
        inputs.get("beta"),
        inputs.get("dout"),
        params.real("eps"),
        params.integer("groups"));
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
    return GroupNormWords.likelyMistake(
        (GroupNormMistake) mistake, tensor, setting.shape("x"), setting.params().integer("groups"));
  }

  /** Two samples of four channels in two groups, 3x3: every path of the gradient has a say. */
  @Override
  public SmallCase smallCase() {
    SplittableRandom random = new SplittableRandom(SMALL_CASE_SEED);
    Shape x = Shape.of(2, 4, 3, 3);
    Map<String, Tensor> inputs = new LinkedHashMap<>();
    inputs.put("x", NormContract.draw(x, random, 1.5, 0.5));
    inputs.put("gamma", NormContract.draw(Shape.of(4), random, 1, 1));
    inputs.put("beta", NormContract.draw(Shape.of(4), random, 1, 0));
    inputs.put("dout", new Tensor(x, new double[x.size()]));
    return new SmallCase(params(2, 1e-5), inputs, SMALL_CASE_SEED);
  }
}
