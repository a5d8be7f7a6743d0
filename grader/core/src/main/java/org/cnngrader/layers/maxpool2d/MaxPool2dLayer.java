package org.cnngrader.layers.maxpool2d;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.cnngrader.bounds.LayerBounds;
import org.cnngrader.layer.DescribedLayer;
import org.cnngrader.layer.InvalidCase;
import org.cnngrader.layer.KnownMistake;
import org.cnngrader.layer.LayerTolerance;
import org.cnngrader.layer.OutputSize;
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
 * CS231n's max_pool_forward_naive and max_pool_backward_naive: x[N][C][H][W], a pool_height x
 * pool_width window moving stride steps at a time without padding, out[N][C][H'][W'] with H' = (H -
 * pool_height)/stride + 1; dx gets each window's dout at the window's maximum.
 */
public final class MaxPool2dLayer extends DescribedLayer {

  private static final LayerContract CONTRACT =
      new LayerContract(
          "cnn.MaxPool2d",
          List.of(
              Argument.value("poolHeight", ValueType.INT, "pool_height"),
              Argument.value("poolWidth", ValueType.INT, "pool_width"),
              Argument.value("stride", ValueType.INT)),
          List.of(
              new Step(
                  "forward",
                  "forward",
                  List.of(Argument.value("x", ValueType.TENSOR4)),
                  new Result.Value("out", ValueType.TENSOR4),
                  List.of()),
              new Step(
                  "backward",
                  "backward",
                  List.of(Argument.value("dout", ValueType.TENSOR4)),
                  new Result.Value("dx", ValueType.TENSOR4),
                  List.of("forward"))),
          new Backprop("forward", "out", "backward", "dout", Map.of("dx", "x")));

  public static final Part FORWARD_SHAPE = Part.shape("forward_shape", "forward shape", 1, "out");
  public static final Part FORWARD = Part.values("forward", "forward values", 2, "out");
  public static final Part DX = Part.values("dx", "backward dx", 2, "dx");

  private static final List<Part> PARTS = List.of(FORWARD_SHAPE, FORWARD, DX);

  private static final List<ParamSpec> PARAMS =
      List.of(
          ParamSpec.integer("pool_height", 1),
          ParamSpec.integer("pool_width", 1),
          ParamSpec.integer("stride", 1));

  /** The output's dimensions: the input's batch and channels, and the lesson's output size. */
  private static final TensorSpec.Dim[] OUT_DIMS = {
    TensorSpec.Dim.of("N"),
    TensorSpec.Dim.of("C"),
    new TensorSpec.Dim("H'", "(H - pool_height)/stride + 1", "output height"),
    new TensorSpec.Dim("W'", "(W - pool_width)/stride + 1", "output width")
  };

  private static final List<TensorSpec> INPUTS =
      List.of(
          new TensorSpec("x", 4, "[N, C, H, W]").withDims("N", "C", "H", "W"),
          new TensorSpec("dout", 4, "[N, C, H', W']").withDims(OUT_DIMS));

  private static final List<TensorSpec> OUTPUTS =
      List.of(
          new TensorSpec("out", 4, "[N, C, H', W']").withDims(OUT_DIMS),
          new TensorSpec("dx", 4, "the shape of x").withDims("N", "C", "H", "W"));

  /**
   * A maximum is exact, and dx adds dout where windows overlap, a few terms: an absolute floor for
   * elements near zero that such sums round to, far below any mistake.
   */
  private static final LayerTolerance TOLERANCE = new LayerTolerance(1e-7, 1e-12);

  private static final long SMALL_CASE_SEED = 232;

  /** Two images of two channels, 7x7, overlapping 3x3 windows that move 2 steps at a time. */
  static final PoolGeometry SMALL_CASE = new PoolGeometry(2, 2, 7, 7, 3, 3, 2);

  /** The layer; declared after the description it is made of, which it checks. */
  public static final MaxPool2dLayer LAYER = new MaxPool2dLayer();

  private MaxPool2dLayer() {
    super(
        "maxpool2d", CONTRACT, PARAMS, INPUTS, OUTPUTS, PARTS, List.of(MaxPool2dMistake.values()));
  }

  /** The case's parameters, from the constructor's arguments. */
  public static Params params(int poolHeight, int poolWidth, int stride) {
    Map<String, Integer> values = new LinkedHashMap<>();
    values.put("pool_height", poolHeight);
    values.put("pool_width", poolWidth);
    values.put("stride", stride);
    return Params.of(PARAMS, values);
  }

  @Override
  public Map<String, Shape> shapes(Params params, Map<String, Shape> inputs) {
    PoolGeometry g;
    try {
      g = PoolGeometry.of(inputs.get("x"), params);
    } catch (IllegalArgumentException e) {
      throw new InvalidCase("inputs.x", e.getMessage());
    }
    if (!g.fits()) {
      throw new InvalidCase(
          "params",
          String.format(
              "(H - pool_height) = %d and (W - pool_width) = %d must be non-negative multiples of"
                  + " stride %d",
              g.h() - g.poolHeight(), g.w() - g.poolWidth(), g.stride()));
    }
    Map<String, Shape> shapes = new LinkedHashMap<>();
    shapes.put("x", g.xShape());
    shapes.put("dout", g.outShape());
    shapes.put("out", g.outShape());
    shapes.put("dx", g.xShape());
    return shapes;
  }

  @Override
  public LayerBounds bounds(Params params, Map<String, Tensor> inputs) {
    Tensor x = inputs.get("x");
    return new MaxPool2dBounds(PoolGeometry.of(x.shape(), params), x, inputs.get("dout"));
  }

  @Override
  public LayerTolerance tolerance() {
    return TOLERANCE;
  }

  @Override
  public List<ShapeCandidate> shapeMistakes(Setting setting, String tensor) {
    if (!tensor.equals("out")) {
      return List.of();
    }
    PoolGeometry g = PoolGeometry.of(setting);
    List<ShapeCandidate> candidates = new ArrayList<>();
    Shape strideIgnored =
        Shape.of(g.n(), g.c(), g.h() - g.poolHeight() + 1, g.w() - g.poolWidth() + 1);
    if (!strideIgnored.equals(g.outShape())) {
      candidates.add(new ShapeCandidate(MaxPool2dMistake.STRIDE_IGNORED, strideIgnored));
    }
    if (g.w() >= g.poolHeight()) {
      Shape square =
          Shape.of(
              g.n(), g.c(), g.outHeight(), OutputSize.of(g.w(), g.poolHeight(), 0, g.stride()));
      if (!square.equals(g.outShape())) {
        candidates.add(new ShapeCandidate(MaxPool2dMistake.WINDOW_HEIGHT_FOR_WIDTH, square));
      }
    }
    Shape fixed = Shape.of(g.n(), g.c(), (g.h() - 2) / 2 + 1, (g.w() - 2) / 2 + 1);
    if (!fixed.equals(g.outShape())) {
      candidates.add(new ShapeCandidate(MaxPool2dMistake.FIXED_2X2_STRIDE_2, fixed));
    }
    return candidates;
  }

  @Override
  public String shouldHaveShape(String tensor, Shape expected, Shape actual, Setting setting) {
    return MaxPool2dWords.shouldHaveShape(tensor, expected, actual, PoolGeometry.of(setting));
  }

  @Override
  public String likelyMistake(
      KnownMistake mistake, String tensor, Shape wrongShape, Setting setting) {
    return MaxPool2dWords.likelyMistake(
        (MaxPool2dMistake) mistake, tensor, wrongShape, PoolGeometry.of(setting));
  }

  /**
   * Inputs drawn with all of a double's digits, so that no window holds two equal maxima: centred
   * differences at a tie would follow whichever element the step makes larger.
   */
  @Override
  public SmallCase smallCase() {
    SplittableRandom random = new SplittableRandom(SMALL_CASE_SEED);
    Map<String, Tensor> inputs = new LinkedHashMap<>();
    Shape x = SMALL_CASE.xShape();
    double[] values = new double[x.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = random.nextDouble(-1, 1);
    }
    inputs.put("x", new Tensor(x, values));
    inputs.put("dout", new Tensor(SMALL_CASE.outShape(), new double[SMALL_CASE.outShape().size()]));
    return new SmallCase(
        params(SMALL_CASE.poolHeight(), SMALL_CASE.poolWidth(), SMALL_CASE.stride()),
        inputs,
        SMALL_CASE_SEED);
  }
}
