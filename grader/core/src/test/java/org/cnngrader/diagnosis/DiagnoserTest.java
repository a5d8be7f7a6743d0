package org.cnngrader.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.cnngrader.TestRepository;
import org.cnngrader.compare.RelativeError;
import org.cnngrader.fixture.Fixture;
import org.cnngrader.fixture.MistakeReference;
import org.cnngrader.layer.KnownMistake;
import org.cnngrader.layers.conv2d.Conv2dMistake;
import org.cnngrader.layers.conv2d.ConvGeometry;
import org.cnngrader.layers.conv2d.ConvParams;
import org.cnngrader.layers.groupnorm.GroupNormMistake;
import org.cnngrader.layers.groupnorm.SpatialGroupNormLayer;
import org.cnngrader.tensor.Shape;
import org.cnngrader.tensor.Tensor;
import org.junit.jupiter.api.Test;

class DiagnoserTest {

  private static final ConvGeometry LESSON =
      new ConvGeometry(1, 1, 5, 5, 1, 3, 3, new ConvParams(2, 1));

  private static Fixture fixture(String name) {
    return TestRepository.fixtures().fixtures().stream()
        .filter(f -> f.name().equals(name))
        .findFirst()
        .orElseThrow();
  }

  private static Fixture withMistakes(Fixture f, Map<KnownMistake, MistakeReference> mistakes) {
    return new Fixture(
        f.layer(),
        f.name(),
        f.visibility(),
        f.params(),
        f.inputs(),
        f.expected(),
        f.points(),
        f.tolerance(),
        f.reference(),
        f.description(),
        f.seed(),
        Map.of(),
        mistakes);
  }

  private static Tensor scaled(Tensor t, double factor) {
    double[] data = t.data();
    for (int i = 0; i < data.length; i++) {
      data[i] *= factor;
    }
    return new Tensor(t.shape(), data);
  }

  @Test
  void namesTheFormulaThatGivesAWrongOutputShape() {
    assertThat(Diagnoser.ofShape(LESSON.setting(), "out", Shape.of(1, 1, 5, 5)))
        .contains(
            new Diagnosis.ShapeExplained(
                Conv2dMistake.STRIDE_IGNORED, "out", Shape.of(1, 1, 5, 5), LESSON.setting()));
    // (8 - 3)/2 + 1 = 3 without the padding; no other formula gives 3 here.
    ConvGeometry stride2 = new ConvGeometry(1, 1, 8, 8, 1, 3, 3, new ConvParams(2, 2));
    assertThat(
            Diagnoser.ofShape(stride2.setting(), "out", Shape.of(1, 1, 3, 3))
                .map(Diagnosis::mistake))
        .contains(Conv2dMistake.PADDING_IGNORED);
  }

  @Test
  void atStrideOneThePaddingIgnoredGivesTheSizeOfBothIgnoredAndOneCaseNamesNeither() {
    // 5 - 3 + 1 = 3 either way: the submission's other cases settle it (AmbiguousShapes).
    ConvGeometry stride1 = new ConvGeometry(1, 1, 5, 5, 1, 3, 3, new ConvParams(1, 1));

    assertThat(Diagnoser.ofShape(stride1.setting(), "out", Shape.of(1, 1, 3, 3))).isEmpty();
  }

  @Test
  void aShapeThatTwoFormulasGiveNamesNeither() {
    // (5 - 3)/2 + 1 = 2 without the padding, and (5 - 3 + 1 + 1)/2 = 2 with it counted once.
    assertThat(Diagnoser.ofShape(LESSON.setting(), "out", Shape.of(1, 1, 2, 2))).isEmpty();
  }

  @Test
  void namesTheSizeWithThePaddingOnceAndTheOneDividedWhereNoOtherFormulaGivesIt() {
    ConvGeometry noPadding = new ConvGeometry(1, 1, 5, 5, 1, 3, 3, new ConvParams(2, 0));

    assertThat(
            Diagnoser.ofShape(noPadding.setting(), "out", Shape.of(1, 1, 1, 1))
                .map(Diagnosis::mistake))
        .contains(Conv2dMistake.SIZE_PAD_ONCE_PLUS_ONE_DIVIDED);
  }

  @Test
  void namesTheKernelsHeightUsedForItsWidth() {
    ConvGeometry nonSquare = new ConvGeometry(2, 2, 7, 8, 2, 3, 2, new ConvParams(2, 0));

    assertThat(
            Diagnoser.ofShape(nonSquare.setting(), "out", Shape.of(2, 2, 3, 3))
                .map(Diagnosis::mistake))
        .contains(Conv2dMistake.KERNEL_HEIGHT_FOR_WIDTH);
  }

  @Test
  void namesAnEmptyDxOnlyWithoutPadding() {
    ConvGeometry noPadding = new ConvGeometry(2, 3, 5, 5, 1, 3, 3, new ConvParams(1, 0));

    assertThat(
            Diagnoser.ofShape(noPadding.setting(), "dx", Shape.of(2, 3, 0, 0))
                .map(Diagnosis::mistake))
        .contains(Conv2dMistake.DX_CROPPED_TO_NOTHING);
    assertThat(Diagnoser.ofShape(LESSON.setting(), "dx", Shape.of(1, 1, 0, 0))).isEmpty();
  }

  @Test
  void aGradientOfZerosOrNullLooksUnfinishedAndAnOutputDoesNot() {
    Tensor zeros = new Tensor(Shape.of(1, 1, 5, 5), new double[25]);

    assertThat(Diagnoser.ofUnfinished(LESSON.setting(), "dx", zeros))
        .contains(
            new Diagnosis.Unfinished(UnfinishedBackward.RETURNS_ZEROS, "dx", LESSON.setting()));
    assertThat(Diagnoser.ofUnfinished(LESSON.setting(), "dx", null))
        .contains(
            new Diagnosis.Unfinished(UnfinishedBackward.RETURNS_NULL, "dx", LESSON.setting()));
    assertThat(Diagnoser.ofUnfinished(LESSON.setting(), "out", zeros)).isEmpty();
    double[] one = new double[25];
    one[7] = 1e-300;
    assertThat(Diagnoser.ofUnfinished(LESSON.setting(), "dx", new Tensor(zeros.shape(), one)))
        .isEmpty();
  }

  @Test
  void ignoringStrideAndPaddingTogetherIsNamedWhereItDiffersFromEither() {
    ConvGeometry seven = new ConvGeometry(1, 1, 7, 7, 1, 3, 3, new ConvParams(2, 1));

    assertThat(
            Diagnoser.ofShape(seven.setting(), "out", Shape.of(1, 1, 5, 5)).map(Diagnosis::mistake))
        .contains(Conv2dMistake.STRIDE_AND_PADDING_IGNORED);
  }

  @Test
  void aShapeNoSimpleFormulaGivesHasNoDiagnosis() {
    assertThat(Diagnoser.ofShape(LESSON.setting(), "out", Shape.of(1, 1, 4, 4))).isEmpty();
    assertThat(Diagnoser.ofShape(LESSON.setting(), "out", Shape.of(1, 1, 5, 2))).isEmpty();
    assertThat(Diagnoser.ofShape(LESSON.setting(), "out", Shape.of(2, 1, 5, 5))).isEmpty();
    assertThat(Diagnoser.ofShape(LESSON.setting(), "db", Shape.of(2))).isEmpty();
  }

  @Test
  void aShapeTwoMistakesGiveHasNoDiagnosis() {
    // H = HH: without padding, stride 2 and stride 1 both fit once along the height.
    ConvGeometry tall = new ConvGeometry(1, 1, 3, 3, 1, 3, 3, new ConvParams(2, 2));

    assertThat(Diagnoser.ofShape(tall.setting(), "out", Shape.of(1, 1, 1, 1))).isEmpty();
  }

  @Test
  void namesChannelsNotSummedAndSwappedAxesByShape() {
    ConvGeometry g = new ConvGeometry(2, 3, 6, 9, 4, 3, 3, new ConvParams(3, 0));

    assertThat(Diagnoser.ofShape(g.setting(), "out", Shape.of(2, 12, 2, 3)).map(Diagnosis::mistake))
        .contains(Conv2dMistake.CHANNELS_NOT_SUMMED);
    assertThat(Diagnoser.ofShape(g.setting(), "out", Shape.of(2, 4, 3, 2)).map(Diagnosis::mistake))
        .contains(Conv2dMistake.HEIGHT_WIDTH_SWAPPED);
    assertThat(Diagnoser.ofShape(g.setting(), "dx", Shape.of(2, 3, 9, 6)).map(Diagnosis::mistake))
        .contains(Conv2dMistake.HEIGHT_WIDTH_SWAPPED);
    assertThat(
            Diagnoser.ofShape(LESSON.setting(), "dx", Shape.of(1, 1, 7, 7)).map(Diagnosis::mistake))
        .contains(Conv2dMistake.PADDED_DX_NOT_CROPPED);
  }

  @Test
  void namesTheMistakeWhoseReferenceTheValuesMatch() {
    Fixture lesson = fixture("lesson-5x5-s2-p1");
    Tensor flipped = lesson.mistakeReference(Conv2dMistake.FLIPPED_KERNEL, "dx").orElseThrow();

    assertThat(Diagnoser.ofValues(lesson, "dx", flipped))
        .contains(
            new Diagnosis.ValuesExplained(Conv2dMistake.FLIPPED_KERNEL, "dx", lesson.setting()));
  }

  @Test
  void valuesWithinTheToleranceOfAReferenceMatchIt() {
    Fixture lesson = fixture("lesson-5x5-s2-p1");
    Tensor noBias = lesson.mistakeReference(Conv2dMistake.BIAS_MISSING, "out").orElseThrow();

    assertThat(Diagnoser.ofValues(lesson, "out", scaled(noBias, 1 + 1e-9)).map(Diagnosis::mistake))
        .contains(Conv2dMistake.BIAS_MISSING);
  }

  @Test
  void scaledOrNoisyValuesHaveNoDiagnosis() {
    Fixture lesson = fixture("lesson-5x5-s2-p1");
    Tensor noBias = lesson.mistakeReference(Conv2dMistake.BIAS_MISSING, "out").orElseThrow();

    assertThat(Diagnoser.ofValues(lesson, "out", scaled(lesson.expected("out"), 2))).isEmpty();
    assertThat(Diagnoser.ofValues(lesson, "out", scaled(noBias, 1 + 1e-5))).isEmpty();
  }

  @Test
  void valuesThatTwoMistakesExplainHaveNoDiagnosis() {
    Fixture lesson = fixture("lesson-5x5-s2-p1");
    MistakeReference noBias = lesson.mistakes().get(Conv2dMistake.BIAS_MISSING);
    Map<KnownMistake, MistakeReference> twice = new LinkedHashMap<>();
    twice.put(Conv2dMistake.BIAS_MISSING, noBias);
    twice.put(Conv2dMistake.CHANNELS_NOT_SUMMED, noBias);
    Fixture ambiguous = withMistakes(lesson, twice);

    assertThat(Diagnoser.ofValues(ambiguous, "out", noBias.tensor("out").orElseThrow())).isEmpty();
  }

  @Test
  void aReferenceThatEqualsTheRightAnswerNeverDiagnoses() {
    Fixture lesson = fixture("lesson-5x5-s2-p1");
    Tensor right = lesson.expected("out");
    // Within the tolerance of the right answer, and of a wrong one that the reference is within.
    Tensor reference = scaled(right, 1 + 1.5e-7);
    Tensor wrong = scaled(right, 1 + 3e-7);
    Fixture sameAsRight =
        withMistakes(
            lesson,
            Map.of(Conv2dMistake.BIAS_MISSING, new MistakeReference(Map.of("out", reference))));

    assertThat(Diagnoser.ofValues(sameAsRight, "out", wrong)).isEqualTo(Optional.empty());
    assertThat(Diagnoser.ofValues(withMistakes(lesson, Map.of()), "out", wrong)).isEmpty();
  }

  @Test
  void valuesNearZeroMatchAReferenceWithinItsRoundingBounds() {
    Fixture groupNorm =
        TestRepository.fixtures().fixtures().stream()
            .filter(f -> f.layer().equals(SpatialGroupNormLayer.LAYER))
            .filter(f -> f.name().equals("cs231n-check"))
            .findFirst()
            .orElseThrow();
    double[] reference = scaled(groupNorm.expected("dx"), 2).data();
    reference[0] = 0; // where the relative error's floor is larger than the value
    Fixture withReference =
        withMistakes(
            groupNorm,
            Map.of(
                GroupNormMistake.DX_WITHOUT_STATISTICS,
                new MistakeReference(
                    Map.of("dx", new Tensor(groupNorm.expected("dx").shape(), reference)))));
    double bound = groupNorm.layer().bounds(groupNorm.params(), groupNorm.inputs()).of("dx").at(0);
    double[] withinBound = reference.clone();
    withinBound[0] = bound / 2;
    double[] beyondBound = reference.clone();
    beyondBound[0] = 2 * bound;
    Shape shape = groupNorm.expected("dx").shape();

    assertThat(
            RelativeError.compare(
                    new Tensor(shape, reference),
                    new Tensor(shape, withinBound),
                    groupNorm.tolerance())
                .passed())
        .as("by relative error alone")
        .isFalse();
    assertThat(
            Diagnoser.ofValues(withReference, "dx", new Tensor(shape, withinBound))
                .map(Diagnosis::mistake))
        .contains(GroupNormMistake.DX_WITHOUT_STATISTICS);
    assertThat(Diagnoser.ofValues(withReference, "dx", new Tensor(shape, beyondBound))).isEmpty();
  }
}
