package org.cnngrader.reference;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.cnngrader.fixture.Visibility;
import org.cnngrader.layer.KnownMistake;
import org.cnngrader.layer.Layer;
import org.cnngrader.layer.Params;
import org.cnngrader.layers.conv2d.Conv2dLayer;
import org.cnngrader.layers.conv2d.Conv2dMistake;
import org.cnngrader.layers.conv2d.ConvGeometry;
import org.cnngrader.layers.conv2d.ConvParams;
import org.cnngrader.tensor.Shape;
import org.cnngrader.tensor.Tensor;

/** Conv2d's reference: ND4J's convolution and the convolution's mistake models. */
final class Conv2dReference implements LayerReference {

  static final Conv2dReference INSTANCE = new Conv2dReference();

  private Conv2dReference() {}

  @Override
  public Layer layer() {
    return Conv2dLayer.LAYER;
  }

  @Override
  public List<String> sizes() {
    return List.of("n", "c", "h", "w", "f", "hh", "ww");
  }

  /** The geometry of a case spec of this layer. */
  static ConvGeometry geometry(CaseSpec spec) {
    return geometry(spec.params(), spec.sizes());
  }

  private static ConvGeometry geometry(Params params, Map<String, Integer> s) {
    return new ConvGeometry(
        s.get("n"),
        s.get("c"),
        s.get("h"),
        s.get("w"),
        s.get("f"),
        s.get("hh"),
        s.get("ww"),
        ConvParams.of(params));
  }

  @Override
  public Map<String, Shape> inputShapes(Params params, Map<String, Integer> sizes) {
    ConvGeometry g = geometry(params, sizes);
    Map<String, Shape> shapes = new LinkedHashMap<>();
    shapes.put("x", g.xShape());
    shapes.put("w", g.wShape());
    shapes.put("b", g.bShape());
    shapes.put("dout", g.outShape());
    return shapes;
  }

  @Override
  public Map<String, Tensor> expected(Params params, Map<String, Tensor> inputs) {
    ConvTensors.Inputs in = inputsOf(inputs);
    ConvParams conv = ConvParams.of(params);
    Nd4jConv2d.Backward backward = Nd4jConv2d.backward(in.x(), in.w(), in.b(), in.dout(), conv);
    return new ConvTensors.Expected(
            Nd4jConv2d.forward(in.x(), in.w(), in.b(), conv),
            backward.dx(),
            backward.dw(),
            backward.db())
        .toMap();
  }

  @Override
  public Map<KnownMistake, Map<String, Tensor>> mistakes(
      Params params, Map<String, Tensor> inputs) {
    return general(
        MistakeModels.computeAll(Conv2dComputation.ND4J, inputsOf(inputs), ConvParams.of(params)));
  }

  @Override
  public Map<KnownMistake, Map<String, Tensor>> mistakeBounds(
      Params params, Map<String, Tensor> inputs) {
    return general(
        MistakeModels.computeAll(
            Conv2dComputation.ROUNDING_BOUNDS, inputsOf(inputs), ConvParams.of(params)));
  }

  private static Map<KnownMistake, Map<String, Tensor>> general(
      Map<Conv2dMistake, Map<String, Tensor>> byMistake) {
    return new LinkedHashMap<>(byMistake);
  }

  private static ConvTensors.Inputs inputsOf(Map<String, Tensor> inputs) {
    return new ConvTensors.Inputs(
        inputs.get("x"), inputs.get("w"), inputs.get("b"), inputs.get("dout"));
  }

  /**
   * Sizes, channels, filters, stride and pad drawn so that (W - F + 2P)/S + 1 is whole: the output
   * size first, then the input that gives it.
   */
  @Override
  public CaseSpec drawSpec(String name, SplittableRandom random) {
    int stride = random.nextInt(1, 4);
    int pad = random.nextInt(0, 3);
    int hh = random.nextInt(1, 6);
    int ww = random.nextInt(1, 6);
    int h = inputSize(random.nextInt(1, 7), hh, stride, pad);
    int w = inputSize(random.nextInt(1, 7), ww, stride, pad);
    Map<String, Integer> sizes = new LinkedHashMap<>();
    sizes.put("n", random.nextInt(1, 4));
    sizes.put("c", random.nextInt(1, 5));
    sizes.put("h", h);
    sizes.put("w", w);
    sizes.put("f", random.nextInt(1, 5));
    sizes.put("hh", hh);
    sizes.put("ww", ww);
    return new CaseSpec(
        layer(),
        name,
        Visibility.HIDDEN,
        "Drawn at grading time",
        new ConvParams(stride, pad).toParams(),
        sizes,
        random.nextLong(),
        Map.of());
  }

  /**
   * The input size whose output is {@code out} (or more, where padding would leave no input at
   * all): W = (out - 1) * S + F - 2P.
   */
  private static int inputSize(int out, int filter, int stride, int pad) {
    int size = (out - 1) * stride + filter - 2 * pad;
    while (size < 1) {
      size += stride;
    }
    return size;
  }
}
