package org.cnngrader.reference;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.cnngrader.fixture.Fixture;
import org.cnngrader.fixture.MistakeReference;
import org.cnngrader.layer.KnownMistake;
import org.cnngrader.layers.conv2d.Conv2dLayer;
import org.cnngrader.layers.conv2d.Conv2dMistake;
import org.junit.jupiter.api.Test;

/**
 * Which mistakes a fixture stores: only those that change a tensor of the case without changing its
 * shape, and only tensors small enough to load quickly. That each stored tensor is what a student's
 * code with the mistake computes is checked by grading the example submissions
 * (MistakeDiagnosisTest in grader-core).
 */
class MistakeModelsTest {

  private static Fixture generated(String name) throws Exception {
    CaseList cases =
        CaseList.read(
            CaseList.file(
                Path.of(System.getProperty("grader.repository")).resolve("fixtures"),
                Conv2dLayer.LAYER),
            Conv2dLayer.LAYER);
    return FixtureGenerator.generate(
        cases.cases().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow());
  }

  @Test
  void aMistakeThatChangesNothingInACaseIsNotStored() throws Exception {
    // Stride 1, one channel, one image, no bias, an all-ones (symmetric) kernel.
    Map<KnownMistake, MistakeReference> mistakes = generated("lesson-worked-example").mistakes();

    assertThat(mistakes)
        .doesNotContainKeys(
            Conv2dMistake.FIRST_CHANNEL_ONLY,
            Conv2dMistake.CHANNELS_NOT_SUMMED,
            Conv2dMistake.BIAS_MISSING,
            Conv2dMistake.BIAS_PER_CHANNEL,
            Conv2dMistake.FIRST_IMAGE_ONLY);
    assertThat(mistakes.get(Conv2dMistake.FLIPPED_KERNEL).tensors()).containsOnlyKeys("dw");
    assertThat(generated("lesson-5x5-s1-p1").mistakes())
        .doesNotContainKey(Conv2dMistake.STRIDE_IGNORED);
  }

  @Test
  void aMistakeThatChangesAShapeStoresNoTensorOfThatShape() throws Exception {
    // 6 x 9 input, stride 3: out is 2 x 3, so swapping height and width changes its shape.
    Map<KnownMistake, MistakeReference> mistakes = generated("stride3-nonsquare-input").mistakes();

    assertThat(mistakes.get(Conv2dMistake.HEIGHT_WIDTH_SWAPPED).tensors()).containsOnlyKeys("dw");
    assertThat(mistakes.keySet())
        .doesNotContain(
            Conv2dMistake.PADDING_IGNORED,
            Conv2dMistake.STRIDE_AND_PADDING_IGNORED,
            Conv2dMistake.PADDED_DX_NOT_CROPPED);
  }

  @Test
  void theLargeCasesStoreOnlyTheirSmallTensors() throws Exception {
    Fixture large = generated("large-4x16x32x32");

    assertThat(large.mistakes())
        .isNotEmpty()
        .allSatisfy(
            (mistake, reference) ->
                assertThat(reference.tensors().keySet()).isSubsetOf("dw", "db"));
    assertThat(large.expected("out").size()).isGreaterThan(MistakeSelection.MAX_STORED_VALUES);
  }
}
