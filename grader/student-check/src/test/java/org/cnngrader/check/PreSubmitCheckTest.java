package org.cnngrader.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.cnngrader.compile.Compilation;
import org.cnngrader.compile.SubmissionCompiler;
import org.cnngrader.feedback.FeedbackWriter;
import org.cnngrader.feedback.LikelyMistakes;
import org.cnngrader.grading.GradingOptions;
import org.cnngrader.layer.Layer;
import org.cnngrader.layers.Layers;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.TestAbortedException;

/**
 * The student's check, on the untouched template and on a correct solution: the template compiles
 * and scores 0 with "not implemented" on every part; a correct solution passes every test.
 */
class PreSubmitCheckTest {

  @TempDir Path temp;

  private static Path repository() {
    return Path.of(System.getProperty("grader.repository")).toAbsolutePath().normalize();
  }

  private PreSubmitCheck checkOf(Path sources) throws Exception {
    Compilation compilation =
        new SubmissionCompiler(
                Layers.all().stream().map(Layer::contract).toList(), Duration.ofSeconds(60))
            .compile(sources, temp.resolve("work"));
    assertThat(compilation).as("compiles: " + compilation).isInstanceOf(Compilation.Compiled.class);
    return new PreSubmitCheck(
        ((Compilation.Compiled) compilation).classes(),
        repository().resolve("fixtures"),
        GradingOptions.DEFAULT,
        new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
  }

  @Test
  void theUntouchedTemplateCompilesAndEveryPartFailsAsNotImplemented() throws Exception {
    PreSubmitCheck check = checkOf(repository().resolve("student-template"));

    List<DynamicTest> tests = check.tests().toList();

    assertThat(tests).hasSize(13 * 5 + 11 * 3 + 6 * 7 + 6 * 4);
    for (DynamicTest test : tests) {
      assertThatThrownBy(() -> test.getExecutable().execute())
          .as(test.getDisplayName())
          .isInstanceOf(TestAbortedException.class)
          .hasMessageStartingWith("FAIL " + test.getDisplayName() + ": ")
          .hasMessageContaining("is not implemented yet");
    }
    assertThat(check.scoreLine())
        .isEqualTo(
            """
              Conv2d (conv2d): 0 of 104 points
              MaxPool2d (maxpool2d): 0 of 55 points
              SpatialBatchNorm (spatial_batchnorm): 0 of 60 points
              SpatialGroupNorm (spatial_groupnorm): 0 of 36 points
            These are the public cases only: your final grade also uses hidden cases.
            Pre-submit check: 0 of 255 points on the 36 public cases (0 of 164 parts passed).""");
  }

  @Test
  void aCorrectSolutionPassesEveryTest() throws Throwable {
    PreSubmitCheck check = checkOf(repository().resolve("fixtures/submissions/correct-im2col"));

    for (DynamicTest test : check.tests().toList()) {
      test.getExecutable().execute();
    }
    assertThat(check.scoreLine())
        .doesNotContain("Likely mistakes")
        .endsWith(
            "Pre-submit check: 255 of 255 points on the 36 public cases (164 of 164 parts passed).");
  }

  /**
   * The check of an example compiled as the student's build compiles it, printing to {@code
   * printed}.
   */
  private PreSubmitCheck compiledCheckOf(String example, java.io.ByteArrayOutputStream printed)
      throws Exception {
    Compilation compilation =
        new SubmissionCompiler(
                Layers.all().stream().map(Layer::contract).toList(), Duration.ofSeconds(60))
            .compile(
                repository().resolve("fixtures/submissions").resolve(example),
                temp.resolve("work-" + example));
    return new PreSubmitCheck(
        ((Compilation.Compiled) compilation).classes(),
        repository().resolve("fixtures"),
        GradingOptions.DEFAULT,
        new java.io.PrintStream(printed, true, java.nio.charset.StandardCharsets.UTF_8));
  }

  @Test
  void aTypicalMistakeIsNamedUnderTheFailingPart() throws Exception {
    java.io.ByteArrayOutputStream printed = new java.io.ByteArrayOutputStream();
    PreSubmitCheck check = compiledCheckOf("mistake-padding-one-side", printed);

    DynamicTest dx =
        check
            .tests()
            .filter(
                t -> t.getDisplayName().equals("conv2d/lesson-5x5-s1-p1: backward dx (2 points)"))
            .findFirst()
            .orElseThrow();
    assertThatThrownBy(() -> dx.getExecutable().execute()).isInstanceOf(TestAbortedException.class);

    assertThat(printed.toString(java.nio.charset.StandardCharsets.UTF_8))
        .contains(
            // The gradient check finds dx consistent with forward, whose mistake is named.
            "        This case: x [1, 1, 5, 5], w [1, 1, 3, 3], b [1], stride 1, pad 1\n"
                + "        Likely mistake: dx follows from your forward, which pads one side only"
                + " (see its feedback)\n");
  }

  @Test
  void eachLikelyMistakeIsToldOnceAndTheSummaryCountsWhatItCostWithTheScoreLast() throws Throwable {
    java.io.ByteArrayOutputStream printed = new java.io.ByteArrayOutputStream();
    PreSubmitCheck check = compiledCheckOf("mistake-bias-missing", printed);

    long failed = 0;
    for (DynamicTest test : check.tests().toList()) {
      try {
        test.getExecutable().execute();
      } catch (TestAbortedException e) {
        failed++;
      }
    }
    String output = printed.toString(java.nio.charset.StandardCharsets.UTF_8);

    assertThat(failed).isGreaterThan(1);
    assertThat(output.split("Likely mistake: the bias is missing", -1)).hasSize(2);
    // The large case's fixture stores no mistakes: its part fails without a diagnosis.
    int diagnosed = LikelyMistakes.of(check.result().parts()).get(0).parts();
    assertThat(diagnosed).isBetween(2, (int) failed);
    assertThat(output.split("Likely mistake: the same as above.", -1)).hasSize(diagnosed);
    String summary = check.scoreLine();
    assertThat(summary)
        .contains(
            "Likely mistakes, each once (what each cost):\n"
                + "  - Conv2d's forward leaves out the bias: "
                + diagnosed
                + " parts, ")
        .endsWith(
            String.format(
                "Pre-submit check: %s of 255 points on the 36 public cases (%d of 164 parts"
                    + " passed).",
                FeedbackWriter.points(check.result().score()), 164 - failed));
  }

  @Test
  void testsAreNamedByCasePartAndPoints() throws Exception {
    PreSubmitCheck check = checkOf(repository().resolve("fixtures/submissions/correct-loops"));

    assertThat(check.tests().map(DynamicTest::getDisplayName).toList())
        .contains(
            "conv2d/lesson-5x5-s2-p1: forward shape (1 point)",
            "conv2d/lesson-5x5-s2-p1: backward dx (2 points)",
            "maxpool2d/overlap-3x3-s2: backward dx (2 points)")
        .noneMatch(name -> name.contains("hidden"));
  }

  @Test
  void saysWhichPropertyTheBuildMustSet() {
    System.clearProperty(PreSubmitCheck.CLASSES_PROPERTY);

    assertThatThrownBy(PreSubmitCheck::configuredByBuild)
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "the build must set the system property grader.classes (see the template's pom.xml)");
  }
}
