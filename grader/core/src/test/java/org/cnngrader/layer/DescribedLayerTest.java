package org.cnngrader.layer;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.cnngrader.bounds.LayerBounds;
import org.cnngrader.layers.conv2d.Conv2dLayer;
import org.cnngrader.tensor.Shape;
import org.cnngrader.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** A layer's description is checked against its contract when it is made, not when it is graded. */
class DescribedLayerTest {

  /** Conv2d's description with one piece replaced; what it computes does not matter here. */
  private static final class Edited extends DescribedLayer {
    Edited(List<TensorSpec> inputs, List<Part> parts) {
      super(
          "edited",
          Conv2dLayer.LAYER.contract(),
          Conv2dLayer.LAYER.params(),
          inputs,
          Conv2dLayer.LAYER.outputs(),
          parts,
          List.of());
    }

    @Override
    public Map<String, Shape> shapes(Params params, Map<String, Shape> inputs) {
      throw new UnsupportedOperationException("not graded");
    }

    @Override
    public LayerBounds bounds(Params params, Map<String, Tensor> inputs) {
      throw new UnsupportedOperationException("not graded");
    }

    @Override
    public List<ShapeCandidate> shapeMistakes(Setting setting, String tensor) {
      return List.of();
    }

    @Override
    public String shouldHaveShape(String tensor, Shape expected, Shape actual, Setting setting) {
      return "";
    }

    @Override
    public String likelyMistake(
        KnownMistake mistake, String tensor, Shape wrongShape, Setting setting) {
      return "";
    }

    @Override
    public SmallCase smallCase() {
      throw new UnsupportedOperationException("not graded");
    }
  }

  @Test
  void aPartOfATensorTheLayerDoesNotReturnIsRefused() {
    assertThatThrownBy(
            () ->
                new Edited(
                    Conv2dLayer.LAYER.inputs(),
                    List.of(Part.values("dgamma", "backward dgamma", 2, "dgamma"))))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("edited: its description must hold: part dgamma checks an output");
  }

  @Test
  void anInputAtAnotherRankThanTheContractPassesIsRefused() {
    assertThatThrownBy(
            () ->
                new Edited(
                    List.of(new TensorSpec("b", 4, "[F]"), new TensorSpec("x", 4, "[N, C, H, W]")),
                    Conv2dLayer.LAYER.parts()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("edited: its description must hold: input b is passed as TENSOR4");
  }
}
