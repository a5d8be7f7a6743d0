package org.cnngrader.reference;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.cnngrader.layer.KnownMistake;
import org.cnngrader.layer.Layer;
import org.cnngrader.layer.Params;
import org.cnngrader.tensor.Shape;
import org.cnngrader.tensor.Tensor;

/**
 * What a layer's fixtures are made from: its reference results (ND4J), its mistake models (what a
 * layer with each known mistake computes, by the same library, and the rounding bounds of those
 * values), and how its cases are sized and drawn. One per layer, beside its {@link Layer}.
 */
public interface LayerReference {

  Layer layer();

  /** The sizes a case list gives for each case besides its parameters: n, c, h, w, ... */
  List<String> sizes();

  /** The shapes of a case's inputs, from its parameters and sizes. */
  Map<String, Shape> inputShapes(Params params, Map<String, Integer> sizes);

  /**
   * A case's inputs drawn from its seed: each input in the layer's order, filled as the spec says;
   * a layer may redraw values it cannot be graded fairly on (ties in a pooling window).
   */
  default Map<String, Tensor> draw(CaseSpec spec) {
    SplittableRandom random = new SplittableRandom(spec.seed());
    Map<String, Tensor> inputs = new LinkedHashMap<>();
    spec.inputShapes()
        .forEach(
            (key, shape) ->
                inputs.put(key, FixtureGenerator.fill(spec.fillOf(key), shape, random)));
    return inputs;
  }

  /** The layer's results on {@code inputs}, by the library that fixtures record. */
  Map<String, Tensor> expected(Params params, Map<String, Tensor> inputs);

  /**
   * Every modelled mistake that can occur in this case, with all the tensors it computes, by the
   * same library; shapes may differ from the right ones (those are left to the output-size
   * formula).
   */
  Map<KnownMistake, Map<String, Tensor>> mistakes(Params params, Map<String, Tensor> inputs);

  /**
   * For every modelled mistake and each tensor it computes, the rounding bounds of its elements:
   * how far a recomputation of a stored reference may differ from it.
   */
  Map<KnownMistake, Map<String, Tensor>> mistakeBounds(Params params, Map<String, Tensor> inputs);

  /** A case drawn at grading time, sized so that the output-size formula gives whole numbers. */
  CaseSpec drawSpec(String name, SplittableRandom random);

  /** The library the references come from, as fixtures record it. */
  default String library() {
    return Nd4jConv2d.LIBRARY;
  }

  default String version() {
    return Nd4jConv2d.VERSION;
  }
}
