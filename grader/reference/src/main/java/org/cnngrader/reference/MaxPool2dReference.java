package org.cnngrader.reference;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.cnngrader.compare.SumErrorBound;
import org.cnngrader.fixture.Visibility;
import org.cnngrader.layer.KnownMistake;
import org.cnngrader.layer.Layer;
import org.cnngrader.layer.Params;
import org.cnngrader.layers.maxpool2d.MaxPool2dLayer;
import org.cnngrader.layers.maxpool2d.MaxPool2dMistake;
import org.cnngrader.layers.maxpool2d.PoolGeometry;
import org.cnngrader.tensor.Shape;
import org.cnngrader.tensor.Tensor;

/**
 * MaxPool2d's reference: ND4J's max pooling, and its mistake models. Where ND4J has an op for a
 * mistake (average pooling, a window of another size or stride, dout scaled) the mistake is that
 * op; the two that route dout in a way no op does (assigned instead of added, spread over the
 * window) are plain loops, one exact and the other a sum bounded like any other.
 */
final class MaxPool2dReference implements LayerReference {

  static final MaxPool2dReference INSTANCE = new MaxPool2dReference();

  /**
   * Drawn inputs have six decimals: ties within a window (which the gradient's convention would
   * settle) are rare, and are redrawn.
   */
  static final int X_DECIMALS = 6;

  private MaxPool2dReference() {}

  @Override
  public Layer layer() {
    return MaxPool2dLayer.LAYER;
  }

  @Override
  public List<String> sizes() {
    return List.of("n", "c", "h", "w");
  }

  static PoolGeometry geometry(Params params, Map<String, Integer> s) {
    return new PoolGeometry(
        s.get("n"),
        s.get("c"),
        s.get("h"),
        s.get("w"),
        params.integer("pool_height"),
        params.integer("pool_width"),
        params.integer("stride"));
  }

  @Override
  public Map<String, Shape> inputShapes(Params params, Map<String, Integer> sizes) {
    PoolGeometry g = geometry(params, sizes);
    Map<String, Shape> shapes = new LinkedHashMap<>();
    shapes.put("x", g.xShape());
    shapes.put("dout", g.outShape());
    return shapes;
  }

  /**
   * x drawn until no window holds its maximum twice (ties are rare with six decimals; the gradient
   * of a tie is a convention, not a right answer), then dout.
   */
  @Override
  public Map<String, Tensor> draw(CaseSpec spec) {
    PoolGeometry g = geometry(spec.params(), spec.sizes());
    SplittableRandom random = new SplittableRandom(spec.seed());
    Tensor x;
    int attempts = 0;
    do {
      if (++attempts > 1000) {
        throw new IllegalArgumentException(
            "case " + spec.name() + ": every x drawn holds a window with its maximum twice");
      }
      x = FixtureGenerator.fill(spec.fillOf("x"), g.xShape(), random, X_DECIMALS);
    } while (PoolWindows.firstTie(x, g) >= 0);
    Map<String, Tensor> inputs = new LinkedHashMap<>();
    inputs.put("x", x);
    inputs.put("dout", FixtureGenerator.fill(spec.fillOf("dout"), g.outShape(), random));
    return inputs;
  }

  @Override
  public Map<String, Tensor> expected(Params params, Map<String, Tensor> inputs) {
    Tensor x = inputs.get("x");
    PoolGeometry g = PoolGeometry.of(x.shape(), params);
    Map<String, Tensor> expected = new LinkedHashMap<>();
    expected.put("out", Nd4jPooling.forward(Nd4jPooling.Kind.MAX, x, g));
    expected.put("dx", Nd4jPooling.backward(Nd4jPooling.Kind.MAX, x, inputs.get("dout"), g));
    return expected;
  }

  @Override
  public Map<KnownMistake, Map<String, Tensor>> mistakes(
      Params params, Map<String, Tensor> inputs) {
    Tensor x = inputs.get("x");
    Tensor dout = inputs.get("dout");
    PoolGeometry g = PoolGeometry.of(x.shape(), params);
    int size = g.poolHeight() * g.poolWidth();
    Map<KnownMistake, Map<String, Tensor>> all = new LinkedHashMap<>();
    all.put(
        MaxPool2dMistake.AVERAGE_INSTEAD_OF_MAX,
        tensors(
            Nd4jPooling.forward(Nd4jPooling.Kind.AVERAGE, x, g),
            Nd4jPooling.backward(Nd4jPooling.Kind.AVERAGE, x, dout, g)));
    if (g.stride() > 1) {
      PoolGeometry step1 = withStride(g, 1);
      Tensor full = Nd4jPooling.forward(Nd4jPooling.Kind.MAX, x, step1);
      all.put(
          MaxPool2dMistake.STRIDE_IGNORED,
          tensors(
              PoolWindows.crop(full, g.outShape()),
              Nd4jPooling.backward(
                  Nd4jPooling.Kind.MAX, x, PoolWindows.embed(dout, step1.outShape()), step1)));
    }
    PoolGeometry square = squareWindow(g);
    if (square != null) {
      all.put(
          MaxPool2dMistake.WINDOW_HEIGHT_FOR_WIDTH,
          tensors(
              Nd4jPooling.forward(Nd4jPooling.Kind.MAX, x, square),
              square.outShape().equals(g.outShape())
                  ? Nd4jPooling.backward(Nd4jPooling.Kind.MAX, x, dout, square)
                  : null));
    }
    if (g.overlaps()) {
      all.put(
          MaxPool2dMistake.DX_ASSIGNED_NOT_ADDED, Map.of("dx", PoolWindows.assigned(x, dout, g)));
    }
    all.put(MaxPool2dMistake.DOUT_SPREAD_OVER_WINDOW, Map.of("dx", PoolWindows.spread(dout, g)));
    if (size > 1) {
      all.put(
          MaxPool2dMistake.DOUT_DIVIDED_BY_WINDOW_SIZE,
          Map.of(
              "dx",
              Nd4jPooling.backward(Nd4jPooling.Kind.MAX, x, PoolWindows.divided(dout, size), g)));
    }
    PoolGeometry fixed = fixed2x2(g);
    if (fixed != null) {
      all.put(
          MaxPool2dMistake.FIXED_2X2_STRIDE_2,
          tensors(
              Nd4jPooling.forward(Nd4jPooling.Kind.MAX, x, fixed),
              Nd4jPooling.backward(Nd4jPooling.Kind.MAX, x, dout, fixed)));
    }
    Tensor right = Nd4jPooling.forward(Nd4jPooling.Kind.MAX, x, g);
    all.put(
        MaxPool2dMistake.MAX_STARTS_AT_MIN_VALUE,
        tensors(
            PoolWindows.atLeastMinValue(right),
            Nd4jPooling.backward(
                Nd4jPooling.Kind.MAX, x, PoolWindows.withoutNegativeWindows(dout, right), g)));
    return all;
  }

  /**
   * The bounds of the same tensors: a maximum is exact, so only sums have any. Average pooling sums
   * a window and divides; its dx and every dx sum the dout (scaled) of the windows that hold an
   * element.
   */
  @Override
  public Map<KnownMistake, Map<String, Tensor>> mistakeBounds(
      Params params, Map<String, Tensor> inputs) {
    Tensor x = inputs.get("x");
    Tensor dout = inputs.get("dout");
    PoolGeometry g = PoolGeometry.of(x.shape(), params);
    int size = g.poolHeight() * g.poolWidth();
    Map<KnownMistake, Map<String, Tensor>> all = new LinkedHashMap<>();
    all.put(
        MaxPool2dMistake.AVERAGE_INSTEAD_OF_MAX,
        tensors(averageBounds(x, g), PoolWindows.sumBounds(dout, g, 1.0 / size)));
    if (g.stride() > 1) {
      PoolGeometry step1 = withStride(g, 1);
      all.put(
          MaxPool2dMistake.STRIDE_IGNORED,
          tensors(
              zeros(g.outShape()),
              PoolWindows.sumBounds(PoolWindows.embed(dout, step1.outShape()), step1, 1)));
    }
    PoolGeometry square = squareWindow(g);
    if (square != null) {
      all.put(
          MaxPool2dMistake.WINDOW_HEIGHT_FOR_WIDTH,
          tensors(
              zeros(square.outShape()),
              square.outShape().equals(g.outShape())
                  ? PoolWindows.sumBounds(dout, square, 1)
                  : null));
    }
    if (g.overlaps()) {
      all.put(MaxPool2dMistake.DX_ASSIGNED_NOT_ADDED, Map.of("dx", zeros(g.xShape())));
    }
    all.put(
        MaxPool2dMistake.DOUT_SPREAD_OVER_WINDOW, Map.of("dx", PoolWindows.sumBounds(dout, g, 1)));
    if (size > 1) {
      all.put(
          MaxPool2dMistake.DOUT_DIVIDED_BY_WINDOW_SIZE,
          Map.of("dx", PoolWindows.sumBounds(dout, g, 1.0 / size)));
    }
    PoolGeometry fixed = fixed2x2(g);
    if (fixed != null) {
      all.put(
          MaxPool2dMistake.FIXED_2X2_STRIDE_2,
          tensors(zeros(g.outShape()), PoolWindows.sumBounds(dout, fixed, 1)));
    }
    Tensor right = Nd4jPooling.forward(Nd4jPooling.Kind.MAX, x, g);
    all.put(
        MaxPool2dMistake.MAX_STARTS_AT_MIN_VALUE,
        tensors(
            zeros(g.outShape()),
            PoolWindows.sumBounds(PoolWindows.withoutNegativeWindows(dout, right), g, 1)));
    return all;
  }

  private static Tensor averageBounds(Tensor x, PoolGeometry g) {
    int size = g.poolHeight() * g.poolWidth();
    Tensor magnitudes = PoolWindows.windowSums(PoolWindows.absolute(x), g);
    double[] bounds = new double[magnitudes.size()];
    for (int i = 0; i < bounds.length; i++) {
      bounds[i] = SumErrorBound.of(size, magnitudes.get(i) / size);
    }
    return new Tensor(magnitudes.shape(), bounds);
  }

  private static Tensor zeros(Shape shape) {
    return new Tensor(shape, new double[shape.size()]);
  }

  private static PoolGeometry withStride(PoolGeometry g, int stride) {
    return new PoolGeometry(g.n(), g.c(), g.h(), g.w(), g.poolHeight(), g.poolWidth(), stride);
  }

  /** A window pool_height wide as well as high, where one fits; null where it cannot. */
  private static PoolGeometry squareWindow(PoolGeometry g) {
    if (g.poolHeight() == g.poolWidth() || g.w() < g.poolHeight()) {
      return null;
    }
    PoolGeometry square =
        new PoolGeometry(g.n(), g.c(), g.h(), g.w(), g.poolHeight(), g.poolHeight(), g.stride());
    return square.fits() ? square : null;
  }

  /**
   * The 2x2 window moving 2 steps that a layer with fixed parameters uses, where it gives the
   * output its right shape (elsewhere the output-size formula tells the mistake) and differs from
   * the case's own window; null otherwise.
   */
  private static PoolGeometry fixed2x2(PoolGeometry g) {
    if (g.poolHeight() == 2 && g.poolWidth() == 2 && g.stride() == 2) {
      return null;
    }
    PoolGeometry fixed = new PoolGeometry(g.n(), g.c(), g.h(), g.w(), 2, 2, 2);
    // Whether or not its windows tile the input: a loop of 2x2 windows stops where the next would
    // not fit, as ND4J's valid pooling does.
    return g.h() >= 2 && g.w() >= 2 && fixed.outShape().equals(g.outShape()) ? fixed : null;
  }

  private static Map<String, Tensor> tensors(Tensor out, Tensor dx) {
    Map<String, Tensor> tensors = new LinkedHashMap<>();
    tensors.put("out", out);
    if (dx != null) {
      tensors.put("dx", dx);
    }
    return tensors;
  }

  /**
   * Sizes, channels, pool and stride drawn so that (H - pool_height)/stride + 1 is whole: the
   * output size first, then the input that gives it; overlapping windows as often as not.
   */
  @Override
  public CaseSpec drawSpec(String name, SplittableRandom random) {
    int poolHeight = random.nextInt(1, 4);
    int poolWidth = random.nextInt(1, 4);
    int stride = random.nextInt(1, 4);
    Map<String, Integer> sizes = new LinkedHashMap<>();
    sizes.put("n", random.nextInt(1, 4));
    sizes.put("c", random.nextInt(1, 4));
    sizes.put("h", (random.nextInt(1, 6) - 1) * stride + poolHeight);
    sizes.put("w", (random.nextInt(1, 6) - 1) * stride + poolWidth);
    return new CaseSpec(
        layer(),
        name,
        Visibility.HIDDEN,
        "Drawn at grading time",
        MaxPool2dLayer.params(poolHeight, poolWidth, stride),
        sizes,
        random.nextLong(),
        Map.of());
  }
}
