package org.cnngrader.grading;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Stream;
import org.cnngrader.SubmissionFolder;
import org.cnngrader.TestRepository;
import org.cnngrader.TestSandbox;
import org.cnngrader.diagnosis.Diagnosis;
import org.cnngrader.diagnosis.UnfinishedBackward;
import org.cnngrader.feedback.FeedbackWriter;
import org.cnngrader.fixture.Fixture;
import org.cnngrader.layer.KnownMistake;
import org.cnngrader.layer.ShapeCandidate;
import org.cnngrader.layers.batchnorm.BatchNormMistake;
import org.cnngrader.layers.conv2d.Conv2dLayer;
import org.cnngrader.layers.conv2d.Conv2dMistake;
import org.cnngrader.layers.groupnorm.GroupNormMistake;
import org.cnngrader.layers.maxpool2d.MaxPool2dMistake;
import org.cnngrader.tensor.Shape;
import org.cnngrader.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every typical mistake of the zoo is named on the parts it breaks, and only there; correct
 * submissions and submissions wrong in other ways are never given a diagnosis.
 */
class MistakeDiagnosisTest {

  private static final String LIKELY = "Likely mistake: ";

  @TempDir static Path temp;

  private static SubmissionResult grade(String id, Path submission) throws Exception {
    return new SubmissionGrader(
            TestRepository.fixtures(), GradingOptions.DEFAULT, TestSandbox.strongest())
        .grade(id, submission);
  }

  /**
   * Each submission graded once for all the tests of this JVM: the coverage test grades the same
   * ones.
   */
  private static final Map<String, SubmissionResult> GRADED = new ConcurrentHashMap<>();

  /** A submission of the zoo, or one built from correct-loops by replacing text. */
  record Submission(String name, Function<Path, Path> folder) {
    static Submission example(String name) {
      return new Submission(name, ignored -> TestRepository.example(name));
    }

    static Submission edited(String name, String... findAndReplace) {
      return new Submission(
          name,
          root -> {
            SubmissionFolder folder =
                SubmissionFolder.in(root.resolve(name))
                    .withCorrectConv2d("cnn/Conv2d.java", "", "");
            for (int i = 0; i < findAndReplace.length; i += 2) {
              folder.edit("cnn/Conv2d.java", findAndReplace[i], findAndReplace[i + 1]);
            }
            return folder.path();
          });
    }

    SubmissionResult graded() throws Exception {
      return graded(temp);
    }

    /** Graded, an edited submission written below {@code root}. */
    SubmissionResult graded(Path root) throws Exception {
      SubmissionResult known = GRADED.get(name);
      if (known == null) {
        known = grade(name, folder.apply(root));
        GRADED.put(name, known);
      }
      return known;
    }

    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Arguments> typicalMistakes() {
    return Stream.of(
        typical(Submission.example("mistake-stride-ignored"), Conv2dMistake.STRIDE_IGNORED),
        typical(
            Submission.edited(
                "stride-ignored-right-size",
                "int row = i * stride + p - pad;",
                "int row = i + p - pad;",
                "int col = j * stride + q - pad;",
                "int col = j + q - pad;"),
            Conv2dMistake.STRIDE_IGNORED),
        typical(Submission.example("mistake-padding-ignored"), Conv2dMistake.PADDING_IGNORED),
        typical(
            Submission.example("mistake-stride-and-padding-ignored"),
            Conv2dMistake.STRIDE_AND_PADDING_IGNORED),
        typical(Submission.example("mistake-padding-one-side"), Conv2dMistake.PADDING_ONE_SIDE),
        typical(Submission.example("mistake-flipped-kernel"), Conv2dMistake.FLIPPED_KERNEL),
        typical(Submission.example("mistake-first-channel-only"), Conv2dMistake.FIRST_CHANNEL_ONLY),
        typical(
            Submission.example("mistake-channels-not-summed"), Conv2dMistake.CHANNELS_NOT_SUMMED),
        typical(Submission.example("mistake-bias-missing"), Conv2dMistake.BIAS_MISSING),
        typical(Submission.example("mistake-bias-per-channel"), Conv2dMistake.BIAS_PER_CHANNEL),
        typical(
            Submission.example("mistake-height-width-swapped"), Conv2dMistake.HEIGHT_WIDTH_SWAPPED),
        typical(Submission.example("mistake-dx-not-cropped"), Conv2dMistake.PADDED_DX_NOT_CROPPED),
        typical(Submission.example("mistake-db-not-summed"), Conv2dMistake.FIRST_IMAGE_ONLY),
        typical(Submission.example("mistake-dw-not-summed"), Conv2dMistake.FIRST_IMAGE_ONLY),
        typical(
            Submission.edited(
                "gradients-of-the-last-image",
                "db[fi] += g;",
                "if (ni == n - 1) db[fi] += g;",
                "dw[fi][ci][p][q] += x[ni][ci][row][col] * g;",
                "if (ni == n - 1) dw[fi][ci][p][q] += x[ni][ci][row][col] * g;"),
            Conv2dMistake.LAST_IMAGE_ONLY),
        typical(Submission.example("mistake-dx-flipped-kernel"), Conv2dMistake.FLIPPED_KERNEL),
        typical(
            Submission.example("mistake-kernel-height-for-width"),
            Conv2dMistake.KERNEL_HEIGHT_FOR_WIDTH),
        typical(
            Submission.example("mistake-size-pad-once"),
            Conv2dMistake.SIZE_PAD_ONCE_PLUS_ONE_DIVIDED),
        typical(
            Submission.example("mistake-dx-cropped-to-nothing"),
            Conv2dMistake.DX_CROPPED_TO_NOTHING),
        typical(Submission.example("mistake-backward-zeros"), UnfinishedBackward.RETURNS_ZEROS),
        typical(
            Submission.edited(
                "backward-returns-null", "return new Gradients(dx, dw, db);", "return null;"),
            UnfinishedBackward.RETURNS_NULL),
        typical(
            Submission.edited(
                "dx-left-null",
                "return new Gradients(dx, dw, db);",
                "return new Gradients(null, dw, db);"),
            UnfinishedBackward.RETURNS_NULL),
        typical(Submission.example("mistake-pool-fixed-2x2"), MaxPool2dMistake.FIXED_2X2_STRIDE_2),
        typical(
            Submission.example("mistake-pool-min-value"), MaxPool2dMistake.MAX_STARTS_AT_MIN_VALUE),
        typical(Submission.example("mistake-pool-backward-null"), UnfinishedBackward.RETURNS_NULL),
        typical(Submission.example("mistake-dx-transposed"), Conv2dMistake.HEIGHT_WIDTH_SWAPPED),
        typical(Submission.example("mistake-dw-transposed"), Conv2dMistake.HEIGHT_WIDTH_SWAPPED),
        typical(
            Submission.example("mistake-average-pooling"), MaxPool2dMistake.AVERAGE_INSTEAD_OF_MAX),
        typical(Submission.example("mistake-pool-stride-ignored"), MaxPool2dMistake.STRIDE_IGNORED),
        typical(
            Submission.example("mistake-pool-window-height-for-width"),
            MaxPool2dMistake.WINDOW_HEIGHT_FOR_WIDTH),
        typical(
            Submission.example("mistake-pool-dx-assigned"), MaxPool2dMistake.DX_ASSIGNED_NOT_ADDED),
        typical(
            Submission.example("mistake-pool-dout-spread"),
            MaxPool2dMistake.DOUT_SPREAD_OVER_WINDOW),
        typical(
            Submission.example("mistake-pool-dout-divided"),
            MaxPool2dMistake.DOUT_DIVIDED_BY_WINDOW_SIZE),
        typical(
            Submission.example("mistake-gn-unbiased-variance"), GroupNormMistake.UNBIASED_VARIANCE),
        typical(
            Submission.example("mistake-gn-eps-outside-sqrt"), GroupNormMistake.EPS_OUTSIDE_SQRT),
        typical(Submission.example("mistake-gn-layer-norm"), GroupNormMistake.OVER_ALL_CHANNELS),
        typical(Submission.example("mistake-gn-per-channel"), GroupNormMistake.PER_CHANNEL),
        typical(
            Submission.example("mistake-gn-dgamma-last-sample"), GroupNormMistake.LAST_SAMPLE_ONLY),
        typical(
            Submission.example("mistake-gn-dx-without-statistics"),
            GroupNormMistake.DX_WITHOUT_STATISTICS),
        typical(Submission.example("mistake-bn-per-sample"), BatchNormMistake.PER_SAMPLE),
        typical(Submission.example("mistake-bn-over-n-only"), BatchNormMistake.OVER_N_ONLY),
        typical(
            Submission.example("mistake-bn-unbiased-variance"), BatchNormMistake.UNBIASED_VARIANCE),
        typical(
            Submission.example("mistake-bn-eps-outside-sqrt"), BatchNormMistake.EPS_OUTSIDE_SQRT),
        typical(
            Submission.example("mistake-bn-momentum-reversed"), BatchNormMistake.MOMENTUM_REVERSED),
        typical(
            Submission.example("mistake-bn-running-not-updated"),
            BatchNormMistake.RUNNING_NOT_UPDATED),
        typical(
            Submission.example("mistake-bn-updated-in-test-mode"),
            BatchNormMistake.UPDATED_IN_TEST_MODE),
        typical(
            Submission.example("mistake-bn-test-uses-batch-statistics"),
            BatchNormMistake.TEST_USES_BATCH_STATISTICS),
        typical(
            Submission.example("mistake-bn-dgamma-last-sample"), BatchNormMistake.LAST_SAMPLE_ONLY),
        typical(
            Submission.example("mistake-bn-dx-without-statistics"),
            BatchNormMistake.DX_WITHOUT_STATISTICS),
        typical(
            Submission.example("mistake-bn-eps-in-running-variance"),
            BatchNormMistake.EPS_IN_RUNNING_VARIANCE),
        typical(
            Submission.example("mistake-bn-test-without-gamma-beta"),
            BatchNormMistake.TEST_WITHOUT_GAMMA_BETA),
        typical(
            Submission.example("mistake-bn-mean-integer-division"),
            BatchNormMistake.MEAN_BY_INTEGER_DIVISION),
        typical(Submission.example("mistake-gn-per-position"), GroupNormMistake.PER_POSITION),
        typical(
            Submission.example("mistake-gn-mean-integer-division"),
            GroupNormMistake.MEAN_BY_INTEGER_DIVISION));
  }

  private static Arguments typical(Submission submission, KnownMistake mistake) {
    return Arguments.of(submission, mistake);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("typicalMistakes")
  void everyTypicalMistakeIsNamedWhereverTheCaseCanTellIt(
      Submission submission, KnownMistake mistake) throws Exception {
    List<PartResult> failed =
        submission.graded().parts().stream().filter(p -> !p.passed()).toList();

    assertThat(failed).isNotEmpty();
    assertThat(failed.stream().map(MistakeDiagnosisTest::diagnosis).flatMap(Optional::stream))
        .as("diagnoses of " + submission)
        .isNotEmpty()
        .allSatisfy(d -> assertThat(d.mistake()).isEqualTo(mistake));
    for (PartResult part : failed) {
      String feedback = FeedbackWriter.describe(part);
      long lines = feedback.lines().filter(line -> line.startsWith(LIKELY)).count();
      if (isAmbiguousShape(part)) {
        // Settled only where the submission's other cases name one of the formulas.
        assertThat(lines).as(part.name() + ":\n" + feedback).isLessThanOrEqualTo(1);
        continue;
      }
      assertThat(lines)
          .as(part.name() + ":\n" + feedback)
          .isEqualTo(shouldBeNamed(part, mistake) ? 1 : 0);
    }
  }

  /**
   * Where the case can tell the mistake: a wrong shape (not repeated on the forward values part,
   * which points to the shape part), or wrong values whose reference for the mistake the fixture
   * stores, unless another mistake's reference is the same (momentum reversed where momentum is 0
   * leaves the running statistics at 0, as never updating them does): two explanations are none.
   */
  private static boolean shouldBeNamed(PartResult part, KnownMistake mistake) {
    if (diagnosis(part).filter(d -> d instanceof Diagnosis.FollowsForward).isPresent()) {
      return true; // a gradient that the gradient check finds follows from forward
    }
    if (mistake instanceof UnfinishedBackward) {
      boolean returned =
          part.verdict() instanceof Verdict.WrongValues
              || part.verdict() instanceof Verdict.ReturnedNull
              || part.verdict() instanceof Verdict.Irregular;
      return returned
          && part.fixture()
              .layer()
              .contract()
              .backprop()
              .gradients()
              .contains(part.part().tensor());
    }
    if (part.verdict() instanceof Verdict.WrongShape) {
      return part.part().shapeOnly()
          || part.fixture().layer().parts().stream()
              .noneMatch(p -> p.shapeOnly() && p.tensor().equals(part.part().tensor()));
    }
    if (!(part.verdict() instanceof Verdict.WrongValues wrong)) {
      return false;
    }
    Optional<Tensor> reference = part.fixture().mistakeReference(mistake, wrong.tensor());
    return reference.isPresent()
        && part.fixture().mistakes().keySet().stream()
            .filter(other -> !other.equals(mistake))
            .map(other -> part.fixture().mistakeReference(other, wrong.tensor()))
            .flatMap(Optional::stream)
            .noneMatch(other -> Arrays.equals(other.data(), reference.get().data()));
  }

  static Stream<Submission> untypical() {
    return Stream.of(
        // Twice the bias matches "once per input channel" where C = 2, and C = 3 contradicts it.
        Submission.edited("bias-twice", "double sum = b[fi];", "double sum = 2 * b[fi];"),
        Submission.example("correct-loops"),
        Submission.example("correct-im2col"),
        Submission.example("mistake-dx-overwritten"),
        // Warned about (the input written in place), not a mistake of the values.
        Submission.example("mistake-bn-x-written-in-place"),
        // dx left zero for a batch of one image, computed otherwise: not an unfinished backward.
        Submission.edited(
            "dx-zero-for-one-image",
            "return new Gradients(dx, dw, db);",
            "return new Gradients(n == 1 ? new double[n][c][h][wd] : dx, dw, db);"),
        Submission.edited(
            "scaled-output", "out[ni][fi][i][j] = sum;", "out[ni][fi][i][j] = 2 * sum;"),
        Submission.edited(
            "noisy-output",
            "out[ni][fi][i][j] = sum;",
            "out[ni][fi][i][j] = sum + 1e-3 * noise.nextGaussian();",
            "private double[][][][] w;",
            "private double[][][][] w;\n  private final java.util.Random noise = new java.util.Random(7);"),
        Submission.edited(
            "halved-dx",
            "return new Gradients(dx, dw, db);",
            "return new Gradients(half(dx), dw, db);",
            "public Gradients backward(",
            "private static double[][][][] half(double[][][][] t) {\n"
                + "    for (double[][][] a : t) for (double[][] b : a) for (double[] c : b)"
                + " for (int i = 0; i < c.length; i++) c[i] /= 2;\n"
                + "    return t;\n  }\n\n  public Gradients backward("));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("untypical")
  void submissionsRightOrWrongInOtherWaysGetNoDiagnosis(Submission submission) throws Exception {
    SubmissionResult result = submission.graded();

    assertThat(result.parts())
        .allSatisfy(
            part -> {
              assertThat(diagnosis(part)).as(part.name()).isEmpty();
              assertThat(FeedbackWriter.describe(part)).as(part.name()).doesNotContain(LIKELY);
            });
    if (!submission.name().startsWith("correct-")) {
      assertThat(result.score()).isLessThan(result.maxScore());
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "mistake-padding-ignored, padding-ignored",
    "mistake-size-pad-once, size-pad-once-plus-one-divided"
  })
  void aShapeThatTwoFormulasGiveIsSettledByTheSubmissionsOtherCases(String example, String key)
      throws Exception {
    SubmissionResult result = Submission.example(example).graded();

    // [1, 1, 2, 2]: (5 - 3)/2 + 1 without the padding, (5 - 3 + 1 + 1)/2 with it counted once.
    PartResult shape =
        result.parts().stream()
            .filter(
                p ->
                    p.fixture().name().equals("lesson-5x5-s2-p1")
                        && p.part().equals(Conv2dLayer.FORWARD_SHAPE))
            .findFirst()
            .orElseThrow();
    assertThat(((Verdict.WrongShape) shape.verdict()).actual()).isEqualTo(Shape.of(1, 1, 2, 2));
    assertThat(diagnosis(shape).map(d -> d.mistake().key())).contains(key);
  }

  @Test
  void aGradientThatFollowsForwardNamesForwardsMistake() throws Exception {
    SubmissionResult result = Submission.example("mistake-padding-ignored").graded();

    assertThat(
            result.parts().stream()
                .filter(p -> p.part().equals(Conv2dLayer.DX) && !p.passed())
                .map(FeedbackWriter::describe))
        .isNotEmpty()
        .allSatisfy(
            feedback ->
                assertThat(feedback)
                    .contains(
                        "Likely mistake: dx follows from your forward, which ignores the padding"
                            + " (see its feedback; explains"));
  }

  @Test
  void aHintThatExplainsEveryFailingCaseSaysSo() throws Exception {
    SubmissionResult result = Submission.example("mistake-size-pad-once").graded();
    long failingCases =
        result.parts().stream()
            .filter(p -> !p.passed())
            .map(p -> p.fixture().name())
            .distinct()
            .count();

    assertThat(failingCases).isGreaterThan(1);
    assertThat(feedbackWithHints(result, p -> true))
        .isNotEmpty()
        .allSatisfy(
            feedback ->
                assertThat(feedback)
                    .contains("(H - HH + pad + 1)/stride")
                    .contains(String.format("explains all %d failing cases)", failingCases))
                    .doesNotContain("look further"));
  }

  @Test
  void aHintThatExplainsSomeFailingCasesSaysHowManyAndAsksToLookFurther() throws Exception {
    SubmissionResult result =
        Submission.edited(
                "bias-missing-and-halved-dx",
                "double sum = b[fi];",
                "double sum = 0;",
                "return new Gradients(dx, dw, db);",
                "return new Gradients(half(dx), dw, db);",
                "public Gradients backward(",
                "private static double[][][][] half(double[][][][] t) {\n"
                    + "    for (double[][][] a : t) for (double[][] b : a) for (double[] c : b)"
                    + " for (int i = 0; i < c.length; i++) c[i] /= 2;\n"
                    + "    return t;\n  }\n\n  public Gradients backward(")
            .graded();
    List<Fixture> conv =
        TestRepository.fixtures().fixtures().stream()
            .filter(f -> f.layer().equals(Conv2dLayer.LAYER))
            .toList();
    // The bias is missing wherever b is not zero; dx is wrong everywhere, but only a case that
    // stores some mistake's dx could have told a mistake there.
    long explained =
        conv.stream()
            .filter(f -> f.mistakeReference(Conv2dMistake.BIAS_MISSING, "out").isPresent())
            .count();
    long failing =
        conv.stream()
            .filter(
                f ->
                    f.mistakeReference(Conv2dMistake.BIAS_MISSING, "out").isPresent()
                        || f.mistakes().keySet().stream()
                            .anyMatch(m -> f.mistakeReference(m, "dx").isPresent()))
            .count();

    assertThat(explained).isPositive().isLessThan(failing);
    assertThat(feedbackWithHints(result, p -> p.part().equals(Conv2dLayer.FORWARD)))
        .isNotEmpty()
        .allSatisfy(
            feedback ->
                assertThat(feedback)
                    .contains(String.format("%sthe bias is missing: ", LIKELY))
                    .contains(
                        String.format(
                            " (explains %d of the %d failing cases: look further)",
                            explained, failing)));
  }

  /** The feedback of the failing parts {@code which} selects that names a likely mistake. */
  private static java.util.stream.Stream<String> feedbackWithHints(
      SubmissionResult result, java.util.function.Predicate<PartResult> which) {
    return result.parts().stream()
        .filter(p -> !p.passed() && which.test(p))
        .map(FeedbackWriter::describe)
        .filter(feedback -> feedback.contains(LIKELY));
  }

  /** A wrong shape that the formulas of two mistakes give. */
  private static boolean isAmbiguousShape(PartResult part) {
    return part.verdict() instanceof Verdict.WrongShape shape
        && part.fixture().layer().shapeMistakes(part.fixture().setting(), shape.tensor()).stream()
                .filter(c -> c.shape().equals(shape.actual()))
                .map(ShapeCandidate::mistake)
                .distinct()
                .count()
            > 1;
  }

  static Optional<Diagnosis> diagnosis(PartResult part) {
    return Verdict.diagnosisOf(part.verdict());
  }
}
