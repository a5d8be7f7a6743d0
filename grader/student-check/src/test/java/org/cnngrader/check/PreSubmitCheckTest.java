package org.cnngrader.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.cnngrader.compile.Compilation;
import org.cnngrader.compile.SubmissionCompiler;
import org.cnngrader.grading.GradingOptions;
import org.cnngrader.layer.Layer;
import org.cnngrader.layers.Layers;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;

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
          .isInstanceOf(AssertionFailedError.class)
          .hasMessageStartingWith(test.getDisplayName() + ": ")
          .hasMessageContaining("is not implemented yet");
    }
    assertThat(check.scoreLine())
        .isEqualTo(
            """
            Pre-submit check: 0 of 255 points on the 36 public cases (0 of 164 parts passed).
              Conv2d (conv2d): 0 of 104 points
              MaxPool2d (maxpool2d): 0 of 55 points
              SpatialBatchNorm (spatial_batchnorm): 0 of 60 points
              SpatialGroupNorm (spatial_groupnorm): 0 of 36 points
            These are the public cases only: your final grade also uses hidden cases.""");
  }

  @Test
  void aCorrectSolutionPassesEveryTest() throws Throwable {
    PreSubmitCheck check = checkOf(repository().resolve("fixtures/submissions/correct-im2col"));

    for (DynamicTest test : check.tests().toList()) {
      test.getExecutable().execute();
    }
    assertThat(check.scoreLine())
        .startsWith("Pre-submit check: 255 of 255 points on the 36 public cases");
  }

  @Test
  void aTypicalMistakeIsNamedUnderTheFailingPart() throws Exception {
    java.io.ByteArrayOutputStream printed = new java.io.ByteArrayOutputStream();
    Compilation compilation =
        new SubmissionCompiler(
                Layers.all().stream().map(Layer::contract).toList(), Duration.ofSeconds(60))
            .compile(
                repository().resolve("fixtures/submissions/mistake-padding-one-side"),
                temp.resolve("work"));
    PreSubmitCheck check =
        new PreSubmitCheck(
            ((Compilation.Compiled) compilation).classes(),
            repository().resolve("fixtures"),
            GradingOptions.DEFAULT,
            new java.io.PrintStream(printed, true, java.nio.charset.StandardCharsets.UTF_8));

    DynamicTest dx =
        check
            .tests()
            .filter(
                t -> t.getDisplayName().equals("conv2d/lesson-5x5-s1-p1: backward dx (2 points)"))
            .findFirst()
            .orElseThrow();
    assertThatThrownBy(() -> dx.getExecutable().execute()).isInstanceOf(AssertionFailedError.class);

    assertThat(printed.toString(java.nio.charset.StandardCharsets.UTF_8))
        .contains(
            // The gradient check finds dx consistent with forward, whose mistake is named.
            "        This case: x [1, 1, 5, 5], w [1, 1, 3, 3], b [1], stride 1, pad 1\n"
                + "        Likely mistake: dx follows from your forward, which pads one side only"
                + " (see its feedback)\n");
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
