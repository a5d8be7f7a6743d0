package org.cnngrader.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.cnngrader.AssignmentTotals;
import org.cnngrader.compile.Compilation;
import org.cnngrader.compile.SubmissionCompiler;
import org.cnngrader.feedback.FeedbackWriter;
import org.cnngrader.feedback.LikelyMistakes;
import org.cnngrader.fixture.Visibility;
import org.cnngrader.grading.GradingOptions;
import org.cnngrader.layer.Layer;
import org.cnngrader.layers.Layers;
import org.cnngrader.layers.conv2d.Conv2dLayer;
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

  /** What the check grades: the public cases. */
  private static final AssignmentTotals PUBLIC =
      AssignmentTotals.repository().only(Visibility.PUBLIC);

  /** The check's last line for {@code points} and {@code parts} passed. */
  private static String scoreLine(double points, long parts) {
    return String.format(
        "Pre-submit check: %s of %s points on the %d public cases (%d of %d parts passed).",
        FeedbackWriter.points(points), PUBLIC.pointsText(), PUBLIC.cases(), parts, PUBLIC.parts());
  }

  private static Path repository() {
    return Path.of(System.getProperty("grader.repository")).toAbsolutePath().normalize();
  }

  private PreSubmitCheck checkOf(Path sources) throws Exception {
    Compilation compilation =
        new SubmissionCompiler(
                Layers.builtIn().all().stream().map(Layer::contract).toList(),
                Duration.ofSeconds(60))
            .compile(sources, temp.resolve("work"));
    assertThat(compilation).as("compiles: " + compilation).isInstanceOf(Compilation.Compiled.class);
    return new PreSubmitCheck(
        ((Compilation.Compiled) compilation).classes(),
        repository().resolve("fixtures"),
        GradingOptions.DEFAULT,
        new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
  }

  /** What JUnit made of one test: passed, failed or aborted (skipped), with its message. */
  private record Ran(String test, String outcome, String message) {}

  private static List<Ran> run(PreSubmitCheck check) {
    List<Ran> ran = new java.util.ArrayList<>();
    for (DynamicTest test : check.tests().toList()) {
      try {
        test.getExecutable().execute();
        ran.add(new Ran(test.getDisplayName(), "passed", ""));
      } catch (AssertionFailedError e) {
        assertThat(e.getStackTrace()).as(test.getDisplayName()).isEmpty();
        ran.add(new Ran(test.getDisplayName(), "failed", e.getMessage()));
      } catch (org.opentest4j.TestAbortedException e) {
        assertThat(e.getStackTrace()).as(test.getDisplayName()).isEmpty();
        ran.add(new Ran(test.getDisplayName(), "skipped", e.getMessage()));
      } catch (Throwable e) {
        throw new AssertionError(test.getDisplayName() + " threw " + e, e);
      }
    }
    return ran;
  }

  private static List<Ran> withOutcome(List<Ran> ran, String outcome) {
    return ran.stream().filter(r -> r.outcome().equals(outcome)).toList();
  }

  /** The number of public parts of a layer, from the graded result. */
  private static long partsOf(PreSubmitCheck check, String layer) {
    return check.result().parts().stream()
        .filter(p -> p.fixture().layer().id().equals(layer))
        .count();
  }

  @Test
  void theUntouchedTemplateFailsOneTestPerLayerAndSkipsTheOtherPartsItsStubCosts()
      throws Exception {
    PreSubmitCheck check = checkOf(repository().resolve("student-template"));

    List<Ran> ran = run(check);

    assertThat(ran).hasSize(check.result().parts().size());
    // Backward is not run after a forward that throws: each layer's forward is what is missing.
    assertThat(withOutcome(ran, "failed"))
        .extracting(Ran::message)
        .containsExactly(
            "cnn.Conv2d.forward is not implemented yet; "
                + (partsOf(check, "conv2d") - 1)
                + " more parts need it, skipped",
            "cnn.MaxPool2d.forward is not implemented yet; "
                + (partsOf(check, "maxpool2d") - 1)
                + " more parts need it, skipped",
            "cnn.SpatialBatchNorm.forward is not implemented yet; "
                + (partsOf(check, "spatial_batchnorm") - 1)
                + " more parts need it, skipped",
            "cnn.SpatialGroupNorm.forward is not implemented yet; "
                + (partsOf(check, "spatial_groupnorm") - 1)
                + " more parts need it, skipped");
    Ran firstConv = withOutcome(ran, "failed").get(0);
    assertThat(withOutcome(ran, "skipped"))
        .hasSize(ran.size() - PUBLIC.layers().size())
        .contains(
            new Ran(
                "conv2d/lesson-5x5-s1-p1: backward dx (2 points)",
                "skipped",
                "cnn.Conv2d.forward is not implemented yet: counted once, where "
                    + firstConv.test().replaceAll(" \\(\\d+ points?\\)$", "")
                    + " fails"));
    StringBuilder layerLines = new StringBuilder();
    for (Layer layer : PUBLIC.layers()) {
      layerLines.append(
          String.format(
              "  %s (%s): 0 of %s points%n",
              layer.title(), layer.id(), PUBLIC.layer(layer.id()).pointsText()));
    }
    assertThat(check.scoreLine())
        .isEqualTo(
            layerLines
                + "These are the public cases only: your final grade also uses hidden cases.\n"
                + scoreLine(0, 0));
  }

  @Test
  void aLayerWithAMethodNotWrittenYetFailsOnceForItAndEachOfItsOtherFailingPartsFailsOnItsOwn()
      throws Exception {
    // A Conv2d that forgets its bias and has no backward yet; the other layers untouched.
    Path sources = temp.resolve("forward-only/cnn");
    java.nio.file.Files.createDirectories(sources);
    for (String file :
        List.of(
            "Gradients.java",
            "NormGradients.java",
            "MaxPool2d.java",
            "SpatialBatchNorm.java",
            "SpatialGroupNorm.java")) {
      java.nio.file.Files.copy(
          repository().resolve("student-template/src/main/java/cnn").resolve(file),
          sources.resolve(file));
    }
    String conv2d =
        java.nio.file.Files.readString(
            repository().resolve("fixtures/submissions/mistake-bias-missing/cnn/Conv2d.java"));
    int backward = conv2d.indexOf("public Gradients backward(");
    java.nio.file.Files.writeString(
        sources.resolve("Conv2d.java"),
        conv2d.substring(0, conv2d.indexOf('{', backward) + 1)
            + "\n    throw new UnsupportedOperationException(\"implement Conv2d.backward\");\n"
            + "  }\n}\n");
    java.io.ByteArrayOutputStream printed = new java.io.ByteArrayOutputStream();
    PreSubmitCheck check =
        new PreSubmitCheck(
            compile(sources.getParent(), "forward-only"),
            repository().resolve("fixtures"),
            GradingOptions.DEFAULT,
            new java.io.PrintStream(printed, true, java.nio.charset.StandardCharsets.UTF_8));

    List<Ran> ran = run(check);

    List<String> failed = withOutcome(ran, "failed").stream().map(Ran::message).toList();
    // The parts of a Conv2d case that backward computes: those of the gradients, not of out.
    long backwardParts =
        Conv2dLayer.LAYER.parts().stream().filter(p -> !p.tensor().equals("out")).count();
    assertThat(failed)
        .filteredOn(m -> m.contains("not implemented yet"))
        .containsExactly(
            "cnn.Conv2d.backward is not implemented yet; "
                + (PUBLIC.layer("conv2d").cases() * backwardParts - 1)
                + " more parts need it, skipped",
            "cnn.MaxPool2d.forward is not implemented yet; "
                + (partsOf(check, "maxpool2d") - 1)
                + " more parts need it, skipped",
            "cnn.SpatialBatchNorm.forward is not implemented yet; "
                + (partsOf(check, "spatial_batchnorm") - 1)
                + " more parts need it, skipped",
            "cnn.SpatialGroupNorm.forward is not implemented yet; "
                + (partsOf(check, "spatial_groupnorm") - 1)
                + " more parts need it, skipped");
    // The bias it forgets fails each case's forward values with a nonzero bias, each on its own.
    long wrongForward =
        check.result().parts().stream()
            .filter(
                p ->
                    p.name().startsWith("conv2d/")
                        && p.name().endsWith(": forward values")
                        && !p.passed())
            .count();
    assertThat(wrongForward).isGreaterThan(1);
    assertThat(failed)
        .hasSize((int) wrongForward + PUBLIC.layers().size())
        .filteredOn(m -> m.matches("conv2d/[^ ]+: forward values: out is wrong"))
        .hasSize((int) wrongForward);
    assertThat(printed.toString(java.nio.charset.StandardCharsets.UTF_8))
        .contains(
            "  FAIL  conv2d/lesson-5x5-s1-p1: backward db (1 point):"
                + " cnn.Conv2d.backward is not implemented yet\n");
  }

  @Test
  void aHandInWithoutTheOtherClassesFailsOnceForEachMissingClass() throws Exception {
    PreSubmitCheck check = checkOf(repository().resolve("fixtures/submissions/conv-only"));

    List<Ran> ran = run(check);

    assertThat(withOutcome(ran, "passed")).hasSize((int) partsOf(check, "conv2d"));
    assertThat(withOutcome(ran, "failed"))
        .extracting(Ran::message)
        .containsExactly(
            "cnn.MaxPool2d was not handed in; "
                + (partsOf(check, "maxpool2d") - 1)
                + " more parts need it, skipped",
            "cnn.SpatialBatchNorm was not handed in; "
                + (partsOf(check, "spatial_batchnorm") - 1)
                + " more parts need it, skipped",
            "cnn.SpatialGroupNorm was not handed in; "
                + (partsOf(check, "spatial_groupnorm") - 1)
                + " more parts need it, skipped");
    assertThat(withOutcome(ran, "skipped"))
        .extracting(Ran::message)
        .allMatch(
            m -> m.matches("cnn\\.\\w+ is missing or not as specified: counted once, where .*"));
    assertThat(check.scoreLine())
        .endsWith(scoreLine(PUBLIC.layer("conv2d").points(), PUBLIC.layer("conv2d").parts()));
  }

  @Test
  void aCorrectSolutionPassesEveryTest() throws Throwable {
    PreSubmitCheck check = checkOf(repository().resolve("fixtures/submissions/correct-im2col"));

    for (DynamicTest test : check.tests().toList()) {
      test.getExecutable().execute();
    }
    assertThat(check.scoreLine())
        .doesNotContain("Likely mistakes")
        .endsWith(scoreLine(PUBLIC.points(), PUBLIC.parts()));
  }

  private Path compiledClassesOf(String example) throws Exception {
    return compile(repository().resolve("fixtures/submissions").resolve(example), example);
  }

  private Path compile(Path sources, String name) throws Exception {
    Compilation compilation =
        new SubmissionCompiler(
                Layers.builtIn().all().stream().map(Layer::contract).toList(),
                Duration.ofSeconds(60))
            .compile(sources, temp.resolve("work-" + name));
    assertThat(compilation).as("compiles: " + compilation).isInstanceOf(Compilation.Compiled.class);
    return ((Compilation.Compiled) compilation).classes();
  }

  /**
   * The check of an example compiled as the student's build compiles it, printing to {@code
   * printed}.
   */
  private PreSubmitCheck compiledCheckOf(String example, java.io.ByteArrayOutputStream printed)
      throws Exception {
    return new PreSubmitCheck(
        compiledClassesOf(example),
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
    assertThatThrownBy(() -> dx.getExecutable().execute())
        .isInstanceOf(AssertionFailedError.class)
        .hasMessage("conv2d/lesson-5x5-s1-p1: backward dx: dx is wrong");

    assertThat(printed.toString(java.nio.charset.StandardCharsets.UTF_8))
        .contains(
            // The gradient check finds dx consistent with forward, whose mistake is named.
            "        This case: x [1, 1, 5, 5], w [1, 1, 3, 3], b [1], stride 1, pad 1\n"
                + "        Likely mistake: dx follows from your forward, which pads one side only"
                + " (see its feedback");
  }

  @Test
  void eachLikelyMistakeIsToldOnceAndTheSummaryCountsWhatItCostWithTheScoreLast() throws Throwable {
    java.io.ByteArrayOutputStream printed = new java.io.ByteArrayOutputStream();
    PreSubmitCheck check = compiledCheckOf("mistake-bias-missing", printed);

    long failed = 0;
    for (DynamicTest test : check.tests().toList()) {
      try {
        test.getExecutable().execute();
      } catch (AssertionFailedError e) {
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
            scoreLine(
                PUBLIC.points() - PUBLIC.lostToAMissingBias().points(), PUBLIC.parts() - failed));
    assertThat(failed).isEqualTo(PUBLIC.lostToAMissingBias().parts());
  }

  @Test
  void writesEachLayersPointsForGitHubClassroomAsTheCheckGaveThem() throws Exception {
    PreSubmitCheck check =
        new PreSubmitCheck(
            compiledClassesOf("mistake-bias-missing"),
            repository().resolve("fixtures"),
            GradingOptions.DEFAULT,
            new java.io.PrintStream(java.io.OutputStream.nullOutputStream()),
            java.util.Optional.of(temp.resolve("target/classroom")));

    check.writeClassroomResults();

    com.fasterxml.jackson.databind.ObjectMapper json =
        new com.fasterxml.jackson.databind.ObjectMapper();
    try (java.util.stream.Stream<Path> files =
        java.nio.file.Files.list(temp.resolve("target/classroom"))) {
      assertThat(files.map(f -> f.getFileName().toString()).sorted())
          .containsExactly(
              "conv2d.json", "maxpool2d.json", "spatialbatchnorm.json", "spatialgroupnorm.json");
    }
    com.fasterxml.jackson.databind.JsonNode conv2d =
        json.readTree(temp.resolve("target/classroom/conv2d.json").toFile());
    assertThat(conv2d.get("version").asInt()).isEqualTo(1);
    assertThat(conv2d.get("status").asText()).isEqualTo("fail");
    AssignmentTotals publicConv2d = PUBLIC.layer("conv2d");
    assertThat(conv2d.get("max_score").asDouble()).isEqualTo(publicConv2d.points());
    double conv2dPoints = 0;
    for (com.fasterxml.jackson.databind.JsonNode test : conv2d.get("tests")) {
      conv2dPoints += test.get("score").asDouble();
      assertThat(test.get("line_no").asInt()).isZero();
      assertThat(test.has("message")).isEqualTo(test.get("status").asText().equals("fail"));
    }
    assertThat(conv2dPoints)
        .isEqualTo(publicConv2d.points() - publicConv2d.lostToAMissingBias().points());
    assertThat(conv2d.get("tests")).hasSize(publicConv2d.parts());
    com.fasterxml.jackson.databind.JsonNode failing =
        java.util.stream.StreamSupport.stream(conv2d.get("tests").spliterator(), false)
            .filter(
                t ->
                    t.get("name")
                        .asText()
                        .equals("conv2d/lesson-5x5-s1-p1: forward values (2 points)"))
            .findFirst()
            .orElseThrow();
    assertThat(failing.toString())
        .isEqualTo(
            "{\"name\":\"conv2d/lesson-5x5-s1-p1: forward values (2 points)\",\"status\":\"fail\","
                + "\"score\":0.0,\"message\":\"out is wrong: 25 of 25 elements differ from the"
                + " reference by more than the tolerance 1e-7.\",\"line_no\":0}");
    // The grade the reporter sends: every test's score, out of every max_score.
    double total = 0;
    double max = 0;
    for (String layer :
        java.util.List.of("conv2d", "maxpool2d", "spatialbatchnorm", "spatialgroupnorm")) {
      com.fasterxml.jackson.databind.JsonNode result =
          json.readTree(temp.resolve("target/classroom/" + layer + ".json").toFile());
      max += result.get("max_score").asDouble();
      for (com.fasterxml.jackson.databind.JsonNode test : result.get("tests")) {
        total += test.get("score").asDouble();
      }
      if (!layer.equals("conv2d")) {
        assertThat(result.get("status").asText()).as(layer).isEqualTo("pass");
      }
    }
    assertThat(total)
        .isEqualTo(check.result().score())
        .isEqualTo(PUBLIC.points() - PUBLIC.lostToAMissingBias().points());
    assertThat(max).isEqualTo(check.result().maxScore()).isEqualTo(PUBLIC.points());
  }

  @Test
  void writesNoClassroomResultsWhenTheBuildNamesNoFolder() throws Exception {
    PreSubmitCheck check = checkOf(repository().resolve("fixtures/submissions/correct-loops"));

    check.writeClassroomResults();

    assertThat(temp.resolve("target")).doesNotExist();
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
