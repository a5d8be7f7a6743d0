package org.cnngrader.layers.described;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;
import org.cnngrader.layer.KnownMistake;
import org.cnngrader.layer.Part;
import org.cnngrader.layer.TensorSpec;
import org.cnngrader.runner.Step;
import org.cnngrader.runner.ValueType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LayerFileTest {

  @TempDir Path root;

  @Test
  void readsTheAffineLayerOfTheFormatsDocumentationIntoTheContractTheBuiltInsUse() {
    FileLayer affine = Descriptions.read(root, Descriptions.AFFINE);

    assertThat(affine.id()).isEqualTo("affine");
    assertThat(affine.title()).isEqualTo("Affine");
    assertThat(affine.contract().className()).isEqualTo("cnn.Affine");
    assertThat(affine.contract().constructorSignature()).isEqualTo("public Affine()");
    assertThat(affine.contract().steps())
        .extracting(Step::signature)
        .containsExactly(
            "public double[][] forward(double[][] x, double[][] w, double[] b)",
            "public AffineGradients backward(double[][] dout)");
    assertThat(affine.contract().recordTypes()).containsExactly("AffineGradients");
    assertThat(affine.contract().backprop().upstream()).isEqualTo("dout");
    assertThat(affine.contract().backprop().inputOf())
        .containsExactly(Map.entry("dx", "x"), Map.entry("dw", "w"), Map.entry("db", "b"));
    assertThat(affine.inputs())
        .first()
        .isEqualTo(
            new TensorSpec("x", ValueType.TENSOR2, "[N, D] (N rows of D features)")
                .withDims("N", "D"));
    assertThat(affine.outputs()).extracting(TensorSpec::shapeInWords).first().isEqualTo("[N, M]");
    assertThat(affine.parts())
        .extracting(Part::key, Part::defaultPoints, Part::shapeOnly)
        .first()
        .isEqualTo(org.assertj.core.groups.Tuple.tuple("forward_shape", 1.0, true));
    assertThat(affine.parts())
        .extracting(Part::defaultPoints)
        .containsExactly(1.0, 2.0, 2.0, 2.0, 1.0);
    assertThat(affine.mistakes())
        .extracting(KnownMistake::key)
        .containsExactly("db-one-row", "dw-transposed");
    assertThat(affine.words().stepDocs())
        .containsEntry("forward", "out[N][M] = x[N][D] w[D][M] + b[M]");
    assertThat(affine.file()).isEqualTo(root.resolve("affine/layer.json"));
  }

  @Test
  void aLayerWithoutParametersMayLeaveOutItsEmptyListsOfThem() {
    Path file =
        Descriptions.write(
            root,
            Descriptions.AFFINE,
            t -> {
              t.remove("params");
              t.remove("constructor");
            });

    FileLayer affine = LayerFile.read(file);

    assertThat(affine.params()).isEmpty();
    assertThat(affine.contract().constructorSignature()).isEqualTo("public Affine()");
  }

  @Test
  void readsALossWithoutUpstreamAndClassLabels() {
    FileLayer softmax = Descriptions.read(root, Descriptions.SOFTMAX);

    assertThat(softmax.contract().backprop().upstream()).isNull();
    assertThat(softmax.upstream()).isNull();
    assertThat(softmax.contract().steps())
        .extracting(Step::signature)
        .containsExactly(
            "public double forward(double[][] scores, int[] y)", "public double[][] backward()");
    assertThat(softmax.outputs().get(0))
        .isEqualTo(new TensorSpec("loss", ValueType.DOUBLE, "a scalar"));
  }

  private String refusal(String text, Consumer<ObjectNode> edit) {
    Path file = Descriptions.write(root, text, edit);
    try {
      LayerFile.read(file);
    } catch (LayerFileException e) {
      String prefix = file + ": ";
      assertThat(e.getMessage()).startsWith(prefix);
      return e.getMessage().substring(prefix.length());
    }
    throw new AssertionError("read " + file + " without a refusal");
  }

  private static ObjectNode at(ObjectNode tree, String array, int index) {
    return (ObjectNode) tree.withArray(array).get(index);
  }

  @Test
  void namesTheFieldOfEveryWrongValue() {
    assertThat(
            refusal(
                Descriptions.AFFINE,
                t ->
                    ((ObjectNode) at(t, "steps", 1).get("returns").withArray("components").get(0))
                        .put("output", "dw2")))
        .isEqualTo("steps[1].returns.components[0].output: no output dw2 among out, dx, dw, db");
    assertThat(refusal(Descriptions.AFFINE, t -> t.put("id", "affine2")))
        .isEqualTo("id: must be the folder's name, affine, found \"affine2\"");
    assertThat(refusal(Descriptions.AFFINE, t -> t.put("class", "cnn.")))
        .isEqualTo("class: must be a binary class name such as cnn.Affine, found \"cnn.\"");
    assertThat(refusal(Descriptions.AFFINE, t -> t.set("setps", t.get("steps"))))
        .isEqualTo(
            "setps: is not a field here; the fields are $schema, class, constructor,"
                + " gradient_check, gradients, id, inputs, mistakes, outputs, params, parts,"
                + " steps, summary, title, tolerance");
    assertThat(refusal(Descriptions.AFFINE, t -> t.remove("summary")))
        .isEqualTo("summary: is missing");
    assertThat(refusal(Descriptions.AFFINE, t -> at(t, "inputs", 0).put("type", "half")))
        .isEqualTo("inputs[0].type: must be double, float or int, found \"half\"");
    assertThat(
            refusal(
                Descriptions.AFFINE,
                t -> ((ArrayNode) at(t, "outputs", 0).get("dims")).set(1, "K")))
        .isEqualTo(
            "outputs[0].dims[1]: K is neither a size the inputs bind (N, D, M) nor an int parameter");
    assertThat(
            refusal(
                Descriptions.AFFINE,
                t -> ((ArrayNode) at(t, "outputs", 0).get("dims")).set(0, "N +")))
        .isEqualTo("outputs[0].dims[0]: ends where a number, a symbol or '(' should follow: N +");
    assertThat(
            refusal(
                Descriptions.AFFINE, t -> at(t, "mistakes", 0).put("sentence", "db sums {K} rows")))
        .isEqualTo(
            "mistakes[0].sentence: {K} is neither a size the inputs bind (N, D, M) nor a parameter");
    assertThat(
            refusal(Descriptions.AFFINE, t -> ((ObjectNode) t.get("gradients")).remove("upstream")))
        .isEqualTo(
            "gradients: needs \"upstream\": only the gradient of a scalar output takes none, and out"
                + " is [N, M]");
    assertThat(
            refusal(
                Descriptions.AFFINE,
                t -> ((ObjectNode) t.get("gradient_check").get("sizes")).remove("D")))
        .isEqualTo("gradient_check.sizes.D: is missing");
    assertThat(refusal(Descriptions.AFFINE, t -> at(t, "parts", 1).put("tensor", "outt")))
        .isEqualTo("parts[1].tensor: no output outt among out, dx, dw, db");
    assertThat(
            refusal(
                Descriptions.AFFINE,
                t -> ((ObjectNode) at(t, "steps", 0).withArray("args").get(0)).put("param", "x")))
        .isEqualTo(
            "steps[0].args[0]: takes its value from exactly one of input, param, constant,"
                + " record, slices_of; found input, param");
    assertThat(refusal(Descriptions.AFFINE, t -> at(t, "steps", 0).withArray("args").remove(2)))
        .isEqualTo("inputs: b is passed to no constructor or step");
    assertThat(refusal(Descriptions.AFFINE, t -> t.remove("gradient_check")))
        .isEqualTo(
            "gradient_check: is missing: a layer with gradients needs the small case to check them");
    assertThat(refusal(Descriptions.POOL, t -> at(t, "params", 0).put("type", "float")))
        .isEqualTo("params[0].type: must be int, long, double or boolean, found \"float\"");
    assertThat(refusal(Descriptions.SOFTMAX, t -> at(t, "inputs", 1).remove("range")))
        .isEqualTo("inputs[1]: y is an int tensor: it needs its range, e.g. [\"0\", \"M - 1\"]");
    assertThat(refusal(Descriptions.SOFTMAX, t -> at(t, "outputs", 0).put("type", "float")))
        .isEqualTo("outputs[0].dims: a scalar is a double; a float tensor has 1 to 5 dimensions");
  }

  @Test
  void namesTheLineAndColumnOfBrokenJson() throws Exception {
    Path file = Files.createDirectories(root.resolve("affine")).resolve("layer.json");
    Files.writeString(file, "{\n  \"id\": ,\n}");

    assertThatThrownBy(() -> LayerFile.read(file))
        .isInstanceOf(LayerFileException.class)
        .hasMessage(
            file
                + ": JSON: line 2, column 9: Unexpected character (',' (code 44)): expected a valid"
                + " value (JSON String, Number, Array, Object or token 'null', 'true' or 'false')");
  }
}
