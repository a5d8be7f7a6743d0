package org.cnngrader.layers.described;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.cnngrader.TestRepository;
import org.cnngrader.layer.KnownMistake;
import org.cnngrader.layer.Layer;
import org.cnngrader.layer.TensorSpec;
import org.cnngrader.layers.Layers;
import org.cnngrader.layers.conv2d.Conv2dLayer;
import org.cnngrader.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class LayerDescriptionTest {

  @TempDir Path root;

  static Stream<Layer> builtIns() {
    return Layers.builtIn().all().stream();
  }

  private FileLayer writtenAndRead(Layer layer) throws Exception {
    Path file = root.resolve(layer.id()).resolve(LayerFile.FILE);
    Files.createDirectories(file.getParent());
    Files.writeString(file, LayerDescription.text(layer));
    return LayerFile.read(file);
  }

  @ParameterizedTest
  @MethodSource("builtIns")
  void aBuiltInLayersDescriptionIsReadBackIntoTheSameLayer(Layer builtIn) throws Exception {
    FileLayer read = writtenAndRead(builtIn);

    assertThat(read.id()).isEqualTo(builtIn.id());
    assertThat(read.contract()).isEqualTo(builtIn.contract());
    assertThat(read.params()).isEqualTo(builtIn.params());
    assertThat(read.parts()).isEqualTo(builtIn.parts());
    assertThat(read.inputs())
        .extracting(TensorSpec::key, TensorSpec::type, TensorSpec::dims)
        .containsExactlyElementsOf(
            builtIn.inputs().stream().map(t -> tuple(t.key(), t.type(), t.dims())).toList());
    assertThat(read.outputs())
        .extracting(TensorSpec::key, TensorSpec::type, TensorSpec::dims)
        .containsExactlyElementsOf(
            builtIn.outputs().stream().map(t -> tuple(t.key(), t.type(), t.dims())).toList());
    assertThat(read.mistakes())
        .extracting(KnownMistake::key, KnownMistake::brief)
        .containsExactlyElementsOf(
            builtIn.mistakes().stream().map(m -> tuple(m.key(), m.brief())).toList());
    assertThat(read.tolerance()).isEqualTo(builtIn.tolerance());
    Layer.SmallCase small = read.smallCase();
    assertThat(small.params()).isEqualTo(builtIn.smallCase().params());
    assertThat(small.seed()).isEqualTo(builtIn.smallCase().seed());
    assertThat(small.inputs().values())
        .extracting(Tensor::shape)
        .containsExactlyElementsOf(
            builtIn.smallCase().inputs().values().stream().map(Tensor::shape).toList());
    // What the comparisons above leave out (words, sentences, the gradient check) is read back too.
    assertThat(LayerDescription.text(read)).isEqualTo(LayerDescription.text(builtIn));
  }

  @Test
  void aDescribedLayerIsWrittenAsItsFileSaysIt() throws Exception {
    FileLayer affine = Descriptions.read(root, Descriptions.AFFINE);

    FileLayer again = writtenAndRead(affine);

    assertThat(again.contract()).isEqualTo(affine.contract());
    assertThat(again.words()).isEqualTo(affine.words());
    assertThat(again.mistakes()).isEqualTo(affine.mistakes());
    assertThat(LayerDescription.text(again)).isEqualTo(LayerDescription.text(affine));
  }

  @Test
  void conv2dsOutputSizeToleranceSentencesAndGradientCheckComeFromTheLayer() throws Exception {
    JsonNode conv = new ObjectMapper().readTree(LayerDescription.text(Conv2dLayer.LAYER));

    assertThat(conv.get("outputs").get(0).toString())
        .isEqualTo(
            "{\"key\":\"out\",\"type\":\"double\",\"dims\":["
                + "{\"name\":\"N\",\"size\":\"N\",\"words\":\"batch size\"},"
                + "{\"name\":\"F\",\"size\":\"F\",\"words\":\"output channels\"},"
                + "{\"name\":\"H'\",\"size\":\"(H - HH + 2*pad)/stride + 1\","
                + "\"words\":\"output height\"},"
                + "{\"name\":\"W'\",\"size\":\"(W - WW + 2*pad)/stride + 1\","
                + "\"words\":\"output width\"}]}");
    assertThat(conv.get("inputs").get(2).toString())
        .isEqualTo(
            "{\"key\":\"b\",\"type\":\"double\",\"dims\":[\"F\"],"
                + "\"words\":\"one value per filter\"}");
    assertThat(conv.get("tolerance").toString())
        .isEqualTo("{\"relative\":1.0E-7,\"absolute\":1.0E-10}");
    assertThat(conv.get("mistakes").get(0).toString())
        .isEqualTo(
            "{\"key\":\"stride-ignored\",\"brief\":\"ignores the stride\","
                + "\"sentence\":\"your Conv2d ignores the stride\"}");
    assertThat(conv.get("gradient_check").toString())
        .isEqualTo(
            "{\"params\":{\"stride\":2,\"pad\":1},"
                + "\"sizes\":{\"N\":2,\"C\":2,\"H\":5,\"W\":5,\"F\":2,\"HH\":3,\"WW\":3},"
                + "\"seed\":231}");
    assertThat(conv.get("summary").asText()).isEqualTo("Conv2d: forward and backward.");
  }

  /**
   * The described copy of Conv2d is what describe writes, completed by hand where the built-in
   * words its mistakes in Java with a case's numbers: the summary, the steps' docs, the sentences
   * and the wrong shapes of its mistakes.
   */
  @Test
  void theDescribedCopyOfConv2dIsItsDescriptionWithWordsAndMistakeShapesAdded() throws Exception {
    Path file = TestRepository.fixturesRoot().resolve("described/conv2d").resolve(LayerFile.FILE);
    ObjectNode copy = (ObjectNode) new ObjectMapper().readTree(Files.readString(file));
    ObjectNode written = LayerDescription.of(Conv2dLayer.LAYER);

    for (ObjectNode description : List.of(copy, written)) {
      description.remove("summary");
      description.get("steps").forEach(step -> ((ObjectNode) step).remove("doc"));
      description
          .get("mistakes")
          .forEach(m -> ((ObjectNode) m).remove(List.of("sentence", "shapes")));
    }

    assertThat(copy.toString()).isEqualTo(written.toString());
    assertThat(LayerFile.read(file).contract()).isEqualTo(Conv2dLayer.LAYER.contract());
  }

  @Test
  void aTensorsWordsAreWhatItsShapeInWordsSaysBeyondItsDimensions() {
    List<TensorSpec> specs =
        List.of(
            new TensorSpec("b", 1, "[F]: one value per filter").withDims("F"),
            new TensorSpec("b", 1, "[F] (one value per filter)").withDims("F"),
            new TensorSpec("dx", 1, "the shape of x").withDims("F"),
            new TensorSpec("x", 2, "[N, D]").withDims("N", "D"));

    assertThat(specs)
        .extracting(LayerDescription::words)
        .containsExactly("one value per filter", "one value per filter", "the shape of x", null);
  }
}
