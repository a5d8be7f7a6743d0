package org.cnngrader.layers.described;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.cnngrader.diagnosis.Diagnoser;
import org.cnngrader.diagnosis.Diagnosis;
import org.cnngrader.fixture.Fixture;
import org.cnngrader.fixture.FixtureException;
import org.cnngrader.fixture.FixtureJson;
import org.cnngrader.fixture.Visibility;
import org.cnngrader.layer.Layer;
import org.cnngrader.layers.LayerCatalog;
import org.cnngrader.layers.Layers;
import org.cnngrader.layers.conv2d.Conv2dLayer;
import org.cnngrader.tensor.Shape;
import org.cnngrader.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A fixtures root's catalog, and fixtures of described layers: scalars, labels, overflows. */
class DescribedFixtureTest {

  @TempDir Path root;

  private static final String LOSS_CASE =
      """
      {
        "name": "two-rows",
        "layer": "softmax_loss",
        "params": {},
        "inputs": {
          "scores": {"shape": [2, 3], "data": [1000, 999, 998, 1, 2, 3]},
          "y": {"shape": [2], "data": [0, 2]}
        },
        "expected": {
          "loss": {"shape": [], "data": [0.4076]},
          "dscores": {"shape": [2, 3], "data": [-0.33, 0.24, 0.09, 0.04, 0.12, -0.16]}
        },
        "mistakes": {
          "no-shift": {
            "loss": {"shape": [], "data": ["NaN"]},
            "dscores": {"shape": [2, 3], "data": ["NaN", "NaN", "NaN", 0.04, 0.12, -0.16]}
          }
        },
        "reference": {"library": "pytorch", "version": "2.5.1"}
      }
      """;

  @Test
  void aRootsLayersAreTheBuiltInsThenItsDescribedOnesTheSameEachTime() {
    Descriptions.write(root, Descriptions.AFFINE);
    Descriptions.write(root, Descriptions.SOFTMAX);

    LayerCatalog layers = Layers.in(root);

    assertThat(layers.ids()).isEqualTo(Layers.builtIn().ids() + ", affine, softmax_loss");
    assertThat(layers.byId("affine")).get().isInstanceOf(FileLayer.class);
    assertThat(Layers.in(root).byId("affine").orElseThrow())
        .isSameAs(layers.byId("affine").orElseThrow());
    assertThat(Layers.in(root.resolve("nowhere"))).isSameAs(Layers.builtIn());
  }

  @Test
  void aDescribedLayerWithABuiltInsIdReplacesItForItsRootAlone() {
    Descriptions.write(
        root, Descriptions.AFFINE.replace("\"id\": \"affine\"", "\"id\": \"conv2d\""));

    LayerCatalog layers = Layers.in(root);

    assertThat(layers.all()).hasSameSizeAs(Layers.builtIn().all());
    assertThat(layers.byId("conv2d").orElseThrow()).isInstanceOf(FileLayer.class);
    assertThat(Layers.builtIn().byId("conv2d")).containsSame(Conv2dLayer.LAYER);
  }

  @Test
  void aWrongDescriptionIsRefusedWhenTheRootsLayersAreAskedFor() {
    Descriptions.write(root, Descriptions.AFFINE, t -> t.put("tolerance", 1e-7));

    assertThatThrownBy(() -> Layers.in(root))
        .isInstanceOf(LayerFileException.class)
        .hasMessage(
            root.resolve("affine/layer.json") + ": tolerance: must be an object, found 1.0E-7");
  }

  private Fixture lossCase(String text) {
    Descriptions.write(root, Descriptions.SOFTMAX);
    return FixtureJson.parse(text, Visibility.PUBLIC, Layers.in(root));
  }

  @Test
  void readsAScalarLossClassLabelsAndAMistakesOverflowAndWritesThemBack() {
    Fixture fixture = lossCase(LOSS_CASE);

    assertThat(fixture.expected("loss").shape()).isEqualTo(Shape.of());
    assertThat(fixture.expected("loss").get(0)).isEqualTo(0.4076);
    assertThat(fixture.input("y").data()).containsExactly(0, 2);
    Layer layer = fixture.layer();
    assertThat(fixture.mistakeReference(layer.mistake("no-shift").orElseThrow(), "loss"))
        .get()
        .satisfies(t -> assertThat(t.get(0)).isNaN());
    String written = FixtureJson.write(fixture);
    assertThat(written)
        .contains("\"data\" : [ 0, 2 ]")
        .contains("\"data\" : [ \"NaN\", \"NaN\", \"NaN\", 0.04, 0.12, -0.16 ]")
        .contains("\"shape\" : [ ]");
    assertThat(FixtureJson.write(FixtureJson.parse(written, Visibility.PUBLIC, Layers.in(root))))
        .isEqualTo(written);
  }

  @Test
  void classLabelsMustBeWholeNumbersAndOnlyAMistakeMayOverflow() {
    assertThatThrownBy(() -> lossCase(LOSS_CASE.replace("[0, 2]", "[0, 1.5]")))
        .isInstanceOf(FixtureException.class)
        .hasMessage("inputs.y.data[1]: must be a whole number (y holds ints), found 1.5");
    assertThatThrownBy(() -> lossCase(LOSS_CASE.replace("[0, 2]", "[0, 3]")))
        .isInstanceOf(FixtureException.class)
        .hasMessage("inputs.y.data[1]: must be from 0 to C - 1 = 3 - 1 = 2, found 3");
    assertThatThrownBy(() -> lossCase(LOSS_CASE.replace("[0.4076]", "[\"Infinity\"]")))
        .isInstanceOf(FixtureException.class)
        .hasMessage("expected.loss.data[0]: must be a number, found \"Infinity\"");
    assertThatThrownBy(() -> lossCase(LOSS_CASE.replace("[\"NaN\"]", "[\"nan\"]")))
        .isInstanceOf(FixtureException.class)
        .hasMessage(
            "mistakes.no-shift.loss.data[0]: must be a number or \"NaN\", \"Infinity\","
                + " \"-Infinity\", found \"nan\"");
  }

  @Test
  void aStudentsOverflowMatchesAMistakesOverflowOfTheSameKind() {
    Fixture fixture = lossCase(LOSS_CASE);
    double nan = Double.NaN;
    Tensor overflowed = new Tensor(Shape.of(2, 3), new double[] {nan, nan, nan, 0.04, 0.12, -0.16});
    Tensor infinite =
        new Tensor(
            Shape.of(2, 3), new double[] {Double.POSITIVE_INFINITY, nan, nan, 0.04, 0.12, -0.16});

    assertThat(Diagnoser.ofValues(fixture, "dscores", overflowed))
        .get()
        .extracting(Diagnosis::mistake)
        .isEqualTo(fixture.layer().mistake("no-shift").orElseThrow());
    assertThat(Diagnoser.ofValues(fixture, "dscores", infinite)).isEmpty();
  }
}
