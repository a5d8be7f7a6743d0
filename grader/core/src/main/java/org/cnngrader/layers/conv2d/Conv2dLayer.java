package org.cnngrader.layers.conv2d;

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
import org.cnngrader.runner.Argument;
import org.cnngrader.runner.Backprop;
import org.cnngrader.runner.LayerContract;
import org.cnngrader.runner.Result;
import org.cnngrader.runner.Step;
import org.cnngrader.runner.ValueType;
import org.cnngrader.tensor.Shape;
import org.cnngrader.tensor.Tensor;

/**
 * CS231n's conv_forward_naive and conv_backward_naive: x[N][C][H][W] with filters w[F][C][HH][WW]
 * and bias b[F], stride and zero padding, out[N][F][H'][W'] with H' = (H - HH + 2*pad)/stride + 1.
 */
public final class Conv2dLayer extends DescribedLayer {

  private static final LayerContract CONTRACT =
      new LayerContract(
          "cnn.Conv2d",
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
              "forward", "out", "backward", "dout", orderedMap("dx", "x", "dw", "w", "db", "b")));

  private static final List<ParamSpec> PARAMS =
      List.of(ParamSpec.integer("stride", 1), ParamSpec.integer("pad", 0));

  /** The output's dimensions: its batch, a channel per filter, and the lesson's output size. */
  private static final TensorSpec.Dim[] OUT_DIMS = {
    new TensorSpec.Dim("N", "N", "batch size"),
    new TensorSpec.Dim("F", "F", "output channels"),
    new TensorSpec.Dim("H'", "(H - HH + 2*pad)/stride + 1", "output height"),
    new TensorSpec.Dim("W'", "(W - WW + 2*pad)/stride + 1", "output width")
  };

  private static final List<TensorSpec> INPUTS =
      List.of(
          new TensorSpec("x", 4, "[N, C, H, W]").withDims("N", "C", "H", "W"),
          new TensorSpec("w", 4, "[F, C, HH, WW]").withDims("F", "C", "HH", "WW"),
          new TensorSpec("b", 1, "[F]: one value per filter").withDims("F"),
          new TensorSpec("dout", 4, "[N, F, H', W']").withDims(OUT_DIMS));

  private static final List<TensorSpec> OUTPUTS =
      List.of(
          new TensorSpec("out", 4, "[N, F, H', W']").withDims(OUT_DIMS),
          new TensorSpec("dx", 4, "the shape of x").withDims("N", "C", "H", "W"),
          new TensorSpec("dw", 4, "the shape of w").withDims("F", "C", "HH", "WW"),
          new TensorSpec("db", 1, "the shape of b: one value per filter").withDims("F"));

  /**
   * Relative as CS231n's checks; the absolute floor is far above what rounding makes of sums of up
   * to some thousand products of inputs in [-1, 1] (1e-12 at most), and far below any mistake.
   */
  private static final LayerTolerance TOLERANCE = new LayerTolerance(1e-7, 1e-10);

  public static final Part FORWARD_SHAPE = Part.shape("forward_shape", "forward shape", 1, "out");
  public static final Part FORWARD = Part.values("forward", "forward values", 2, "out");
  public static final Part DX = Part.values("dx", "backward dx", 2, "dx");
  public static final Part DW = Part.values("dw", "backward dw", 2, "dw");
  public static final Part DB = Part.values("db", "backward db", 1, "db");

  private static final List<Part> PARTS = List.of(FORWARD_SHAPE, FORWARD, DX, DW, DB);

  /** Two images of two channels, 5x5, two 3x3 filters, stride 2, pad 1. */
  static final ConvGeometry SMALL_CASE =
      new ConvGeometry(2, 2, 5, 5, 2, 3, 3, new ConvParams(2, 1));

  private static final long SMALL_CASE_SEED = 231;

  /** The layer; declared after the description it is made of, which it checks. */
  public static final Conv2dLayer LAYER = new Conv2dLayer();

  private Conv2dLayer() {
    super("conv2d", CONTRACT, PARAMS, INPUTS, OUTPUTS, PARTS, List.of(Conv2dMistake.values()));
  }

  private static Map<String, String> orderedMap(String... keysAndValues) {
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put(keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }

  @Override
  public Map<String, Shape> shapes(Params params, Map<String, Shape> inputs) {
    ConvGeometry g;
    try {
      g = ConvGeometry.of(inputs.get("x"), inputs.get("w"), ConvParams.of(params));
    } catch (IllegalArgumentException e) {
      throw new InvalidCase("inputs", e.getMessage());
    }
    if (!g.fits()) {
      throw new InvalidCase(
          "params",
          String.format(
              "(H - HH + 2*pad) = %d and (W - WW + 2*pad) = %d must be non-negative multiples of"
                  + " stride %d",
              g.h() - g.hh() + 2 * g.pad(), g.w() - g.ww() + 2 * g.pad(), g.stride()));
    }
    Map<String, Shape> shapes = new LinkedHashMap<>();
    shapes.put("x", g.xShape());
    shapes.put("w", g.wShape());
    shapes.put("b", g.bShape());
    shapes.put("dout", g.outShape());
    shapes.put("out", g.outShape());
    shapes.put("dx", g.xShape());
    shapes.put("dw", g.wShape());
    shapes.put("db", g.bShape());
    return shapes;
  }

  @Override
  public LayerBounds bounds(Params params, Map<String, Tensor> inputs) {
    return new Conv2dBounds(
        inputs.get("x"),
        inputs.get("w"),
        inputs.get("b"),
        inputs.get("dout"),
        ConvParams.of(params));
  }

  @Override
  public LayerTolerance tolerance() {
    return TOLERANCE;
  }

  @Override
  public List<ShapeCandidate> shapeMistakes(Setting setting, String tensor) {
    return Conv2dShapeMistakes.of(ConvGeometry.of(setting), tensor);
  }

  @Override
  public String shouldHaveShape(String tensor, Shape expected, Shape actual, Setting setting) {
    return Conv2dShapeWords.shouldHaveShape(tensor, expected, actual, ConvGeometry.of(setting));
  }

  @Override
  public String likelyMistake(
      KnownMistake mistake, String tensor, Shape wrongShape, Setting setting) {
    return Conv2dMistakeWords.likelyMistake(
        (Conv2dMistake) mistake, tensor, wrongShape, ConvGeometry.of(setting));
  }

  @Override
  public SmallCase smallCase() {
    SplittableRandom random = new SplittableRandom(SMALL_CASE_SEED);
    Map<String, Tensor> inputs = new LinkedHashMap<>();
    inputs.put("x", filled(SMALL_CASE.xShape(), random));
    inputs.put("w", filled(SMALL_CASE.wShape(), random));
    inputs.put("b", filled(SMALL_CASE.bShape(), random));
    inputs.put("dout", new Tensor(SMALL_CASE.outShape(), new double[SMALL_CASE.outShape().size()]));
    return new SmallCase(SMALL_CASE.params().toParams(), inputs, SMALL_CASE_SEED);
  }

  private static Tensor filled(Shape shape, SplittableRandom random) {
    double[] data = new double[shape.size()];
    for (int i = 0; i < data.length; i++) {
      data[i] = Math.round(random.nextDouble(-1, 1) * 1e4) / 1e4;
    }
    return new Tensor(shape, data);
  }
}
