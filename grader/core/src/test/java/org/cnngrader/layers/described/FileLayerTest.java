package org.cnngrader.layers.described;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.cnngrader.compare.ElementBounds;
import org.cnngrader.layer.InvalidCase;
import org.cnngrader.layer.Layer;
import org.cnngrader.layer.Params;
import org.cnngrader.layer.Setting;
import org.cnngrader.layer.ShapeCandidate;
import org.cnngrader.tensor.Shape;
import org.cnngrader.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileLayerTest {

  @TempDir Path root;

  private static Map<String, Shape> shapes(Object... keysAndShapes) {
    Map<String, Shape> shapes = new LinkedHashMap<>();
    for (int i = 0; i < keysAndShapes.length; i += 2) {
      shapes.put((String) keysAndShapes[i], (Shape) keysAndShapes[i + 1]);
    }
    return shapes;
  }

  private static Params none(Layer layer) {
    return Params.of(layer.params(), Map.of());
  }

  private static Map<String, Shape> affineInputs(int n, int d, int m) {
    return shapes(
        "x", Shape.of(n, d), "w", Shape.of(d, m), "b", Shape.of(m), "dout", Shape.of(n, m));
  }

  @Test
  void bindsTheSymbolsFromTheInputsAndEvaluatesTheOutputs() {
    FileLayer affine = Descriptions.read(root, Descriptions.AFFINE);

    assertThat(affine.shapes(none(affine), affineInputs(2, 3, 4)))
        .containsEntry("out", Shape.of(2, 4))
        .containsEntry("dx", Shape.of(2, 3))
        .containsEntry("dw", Shape.of(3, 4))
        .containsEntry("db", Shape.of(4));
  }

  @Test
  void aSymbolThatTwoInputsDisagreeOnMakesTheCaseInvalidSayingWhichBoundIt() {
    FileLayer affine = Descriptions.read(root, Descriptions.AFFINE);
    Map<String, Shape> inputs = affineInputs(2, 3, 2);
    inputs.put("w", Shape.of(4, 2));

    assertThatThrownBy(() -> affine.shapes(none(affine), inputs))
        .isInstanceOf(InvalidCase.class)
        .hasMessage("w's first dimension D = 4 must equal x's D = 3")
        .extracting(e -> ((InvalidCase) e).field())
        .isEqualTo("inputs.w");
    inputs.put("x", Shape.of(2, 3, 1));
    assertThatThrownBy(() -> affine.shapes(none(affine), inputs))
        .hasMessage("x must have 2 dimensions, [N, D], found [2, 3, 1]");
  }

  @Test
  void anOutputOfNoSizeMakesTheCaseInvalidWithItsDerivation() {
    FileLayer pool = Descriptions.read(root, Descriptions.POOL);
    Params params = Params.of(pool.params(), Map.of("pool", 6, "stride", 1));

    assertThatThrownBy(() -> pool.shapes(params, shapes("x", Shape.of(1, 1, 5, 5))))
        .isInstanceOf(InvalidCase.class)
        .hasMessage(
            "out's third dimension H' would be (H - pool)/stride + 1 = (5 - 6)/1 + 1 = 0, which"
                + " is no size");
  }

  @Test
  void paramsAreCheckedAgainstTheirMaximum() {
    FileLayer pool = Descriptions.read(root, Descriptions.POOL);

    assertThatThrownBy(() -> Params.of(pool.params(), Map.of("pool", 2, "stride", 5)))
        .isInstanceOf(InvalidCase.class)
        .hasMessage("must be at most 4, found 5");
  }

  @Test
  void shapeFeedbackDerivesEachWrongDimensionWithTheCasesNumbers() {
    FileLayer pool = Descriptions.read(root, Descriptions.POOL);
    Params params = Params.of(pool.params(), Map.of("pool", 2, "stride", 2));
    Setting setting = new Setting(pool, params, shapes("x", Shape.of(1, 2, 5, 7)));

    assertThat(pool.shouldHaveShape("out", Shape.of(1, 2, 2, 3), Shape.of(1, 2, 4, 6), setting))
        .isEqualTo(
            """
            out should have shape [N, C, H', W'] = [1, 2, 2, 3], but was [1, 2, 4, 6]:
            - output height should be (H - pool)/stride + 1 = (5 - 2)/2 + 1 = 2, but was 4
            - W' should be (W - pool)/stride + 1 = (7 - 2)/2 + 1 = 3, but was 6""");
  }

  @Test
  void shapeFeedbackOfSymbolsNamesTheDimensionAndOfAnotherRankTheShapeAlone() {
    FileLayer affine = Descriptions.read(root, Descriptions.AFFINE);
    Setting setting = new Setting(affine, none(affine), affineInputs(2, 4, 3));

    assertThat(affine.shouldHaveShape("out", Shape.of(2, 3), Shape.of(3, 2), setting))
        .isEqualTo(
            """
            out should have shape [N, M] = [2, 3], but was [3, 2]:
            - first dimension should be N = 2, but was 3
            - second dimension should be M = 3, but was 2""");
    assertThat(affine.shouldHaveShape("dx", Shape.of(2, 4), Shape.of(8), setting))
        .isEqualTo("dx should have shape [N, D] = [2, 4] (the shape of x), but was [8]");
  }

  @Test
  void aMistakesShapeCountsWhereItDiffersAndItsSentenceTakesTheCasesNumbers() {
    FileLayer affine = Descriptions.read(root, Descriptions.AFFINE);
    Setting wide = new Setting(affine, none(affine), affineInputs(2, 4, 3));
    Setting square = new Setting(affine, none(affine), affineInputs(2, 3, 3));

    assertThat(affine.shapeMistakes(wide, "dw"))
        .containsExactly(
            new ShapeCandidate(affine.mistake("dw-transposed").orElseThrow(), Shape.of(3, 4)));
    assertThat(affine.shapeMistakes(square, "dw")).isEmpty();
    assertThat(affine.shapeMistakes(wide, "out")).isEmpty();
    assertThat(
            affine.likelyMistake(
                affine.mistake("dw-transposed").orElseThrow(), "dw", Shape.of(3, 4), wide))
        .isEqualTo("dw has the shape of w, [D][M] = [4][3]: dw = x^T dout.");
    assertThat(affine.likelyMistake(affine.mistake("db-one-row").orElseThrow(), "db", null, wide))
        .startsWith("db is the sum of dout over all N = 2 rows:");
  }

  @Test
  void aSentenceTakesParametersToo() {
    FileLayer pool = Descriptions.read(root, Descriptions.POOL);
    Params params = Params.of(pool.params(), Map.of("pool", 2, "stride", 2));
    Setting setting = new Setting(pool, params, shapes("x", Shape.of(1, 2, 5, 5)));

    assertThat(pool.shapeMistakes(setting, "out"))
        .extracting(ShapeCandidate::shape)
        .containsExactly(Shape.of(1, 2, 4, 4));
    assertThat(
            pool.likelyMistake(
                pool.mistake("stride-ignored").orElseThrow(), "out", Shape.of(1, 2, 4, 4), setting))
        .isEqualTo(
            "the window moves stride = 2 steps: H' = (H - pool)/stride + 1, not H - pool + 1 = 5"
                + " - 2 + 1.");
  }

  @Test
  void boundsAreTheToleranceRelativeToEachExpectedElementWithItsAbsoluteFloor() {
    FileLayer affine = Descriptions.read(root, Descriptions.AFFINE);
    Tensor expected = new Tensor(Shape.of(3), new double[] {1e-3, 0, -2});

    ElementBounds bounds = affine.bounds(none(affine), Map.of()).of("out", expected);

    assertThat(bounds.at(0)).isEqualTo(1e-10);
    assertThat(bounds.at(1)).isEqualTo(1e-12);
    assertThat(bounds.at(2)).isEqualTo(2e-7);
    assertThat(bounds.ceiling()).isEqualTo(2e-7);
    assertThat(affine.bounds(none(affine), Map.of()).of("out").at(2)).isEqualTo(1e-12);
  }

  @Test
  void theSmallCaseIsDrawnFromTheSeedWithTheUpstreamZeroFilled() {
    FileLayer affine = Descriptions.read(root, Descriptions.AFFINE);

    Layer.SmallCase small = affine.smallCase();

    assertThat(small.inputs().keySet()).containsExactly("x", "w", "b", "dout");
    assertThat(small.inputs().get("x").shape()).isEqualTo(Shape.of(2, 3));
    assertThat(small.inputs().get("w").shape()).isEqualTo(Shape.of(3, 2));
    assertThat(small.inputs().get("dout").data()).containsOnly(0.0).hasSize(4);
    assertThat(small.inputs().get("x").get(0)).isEqualTo(new SplittableRandom(7).nextDouble(-1, 1));
    assertThat(java.util.Arrays.stream(small.inputs().get("b").data()).boxed())
        .allMatch(v -> v >= -1 && v < 1);
    assertThat(affine.smallCase()).isEqualTo(small);
  }

  @Test
  void aLossHasNoUpstreamInItsSmallCaseAndItsLabelsAreInTheirRange() {
    FileLayer softmax = Descriptions.read(root, Descriptions.SOFTMAX);

    Layer.SmallCase small = softmax.smallCase();

    assertThat(small.inputs().keySet()).containsExactly("scores", "y");
    assertThat(small.inputs().get("y").shape()).isEqualTo(Shape.of(3));
    assertThat(java.util.Arrays.stream(small.inputs().get("y").data()).boxed())
        .allMatch(v -> v == Math.rint(v) && v >= 0 && v <= 3);
    assertThat(softmax.shapes(none(softmax), shapes("scores", Shape.of(3, 4), "y", Shape.of(3))))
        .containsEntry("loss", Shape.of())
        .containsEntry("dscores", Shape.of(3, 4));
  }
}
