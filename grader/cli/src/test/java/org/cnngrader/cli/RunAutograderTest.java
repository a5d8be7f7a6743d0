package org.cnngrader.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.cnngrader.AssignmentTotals;
import org.cnngrader.TestSandbox;
import org.cnngrader.sandbox.SandboxLevel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bundle at work: run_autograder run for real, with bash, in a folder laid out as Gradescope
 * lays out /autograder. The bundle is built in this JVM from the classes it runs with (a build's
 * classes folders are packed into jars), so the grader that grades here is the bundle's own, on a
 * class path of the bundle's jars only: no ND4J.
 */
class RunAutograderTest {

  private static final AssignmentTotals TOTALS = AssignmentTotals.repository();

  private static final String GRADER_FAILED =
      "The autograder failed before it could grade your submission. This is a fault of the"
          + " autograder, not of your code. Please tell your course staff: they can see what went"
          + " wrong and grade your submission again.";

  @TempDir static Path shared;

  private static Path bundle;

  @TempDir Path temp;

  @BeforeAll
  static void buildTheBundle() {
    bundle = shared.resolve("autograder.zip");
    CommandLineRun cli = new CommandLineRun();
    assertThat(cli.run("gradescope", "--out", bundle.toString())).as(cli.stderr()).isZero();
  }

  private static Path example(String name) {
    return CommandLineRun.home().resolve("fixtures/submissions").resolve(name);
  }

  private AutograderRoot root() throws Exception {
    return AutograderRoot.unpack(bundle, Files.createDirectories(temp.resolve("autograder")));
  }

  @Test
  void aCorrectSubmissionGetsFullMarksAtLevelTwoAsInGradescopesDocker() throws Exception {
    TestSandbox.level(SandboxLevel.USER);
    AutograderRoot root = root().submit(example("correct-loops"));

    AutograderRoot.Run run = root.runAutograder(Map.of("GRADER_SANDBOX", "user"));

    assertThat(run.exitCode()).as(run.output()).isZero();
    JsonNode results = root.resultsJson();
    assertThat(results.get("score").asDouble())
        .as(run.output())
        .isEqualTo(TOTALS.points())
        .isEqualTo(results.get("max_score").asDouble());
    assertThat(results.get("tests")).hasSize(TOTALS.parts());
    JsonNode provenance =
        new ObjectMapper().readTree(root.results().resolve("provenance.json").toFile());
    assertThat(provenance.get("sandbox").get("level").asText()).isEqualTo("user");
    assertThat(provenance.get("sandbox").get("strict").asBoolean()).isTrue();
    assertThat(provenance.get("sandbox").get("secrets_readable_to_student_code")).isEmpty();
    assertThat(run.output())
        .contains("Sandbox: user (level 2: ")
        .contains(
            "\nprovenance.json (for course staff only):\n{\n  \"submission\" : \"submission\",")
        .contains("run_autograder: wrote " + root.results().resolve("results.json"));
    for (String report : new String[] {"report.html", "report.md", "junit.xml"}) {
      assertThat(root.results().resolve("reports").resolve(report)).isNotEmptyFile();
    }
  }

  @Test
  void aWrongSubmissionScoresLowerWithFeedbackThatSaysWhatIsWrong() throws Exception {
    // The bundle grades with --strict, which refuses level 3.
    TestSandbox.atLeast(SandboxLevel.USER);
    AutograderRoot root = root().submit(example("mistake-padding-ignored"));

    AutograderRoot.Run run = root.runAutograder(Map.of());

    assertThat(run.exitCode()).as(run.output()).isZero();
    JsonNode results = root.resultsJson();
    assertThat(results.get("score").asDouble()).isLessThan(results.get("max_score").asDouble());
    assertThat(results.get("output").asText()).startsWith("```text\nPublic cases: ");
    assertThat(results.get("tests").findValuesAsText("output"))
        .anyMatch(
            o ->
                o.startsWith(
                    "```text\nout should have shape [N, F, H', W'] = [1, 1, 5, 5], but was"
                        + " [1, 1, 3, 3]:"));
  }

  @Test
  void aSubmissionWithoutJavaFilesIsTheStudentsProblemNotTheGraders() throws Exception {
    // The bundle grades with --strict, which refuses level 3.
    TestSandbox.atLeast(SandboxLevel.USER);
    AutograderRoot root = root();
    Files.createDirectories(temp.resolve("autograder/submission"));

    AutograderRoot.Run run = root.runAutograder(Map.of());

    assertThat(run.exitCode()).as(run.output()).isZero();
    JsonNode results = root.resultsJson();
    assertThat(results.get("score").asDouble()).isZero();
    assertThat(results.get("tests").get(0).get("output").asText())
        .isEqualTo("```text\nnot graded: nothing was handed in: no file in submission/\n```\n");
  }

  @Test
  void aBrokenGraderLeavesAResultsFileThatSaysTheGraderFailedAndExitsNonZero() throws Exception {
    AutograderRoot root = root().submit(example("correct-loops"));
    Files.writeString(root.source().resolve("lib/grader-cli.jar"), "not a jar");
    Files.createDirectories(root.results());
    Files.writeString(root.results().resolve("results.json"), "{\"score\": 999}");
    Files.writeString(root.results().resolve("provenance.json"), "{}");

    AutograderRoot.Run run = root.runAutograder(Map.of());

    assertThat(run.exitCode()).isEqualTo(1);
    JsonNode results = root.resultsJson();
    assertThat(results.get("score").asDouble()).isZero();
    assertThat(results.get("output").asText()).isEqualTo(GRADER_FAILED);
    assertThat(run.output())
        .contains("run_autograder: the grader failed: grade exited with code 1 (see above)");
    try (Stream<Path> left = Files.list(root.results())) {
      assertThat(left).containsExactly(root.results().resolve("results.json"));
    }
  }

  @Test
  void atLevelThreeStrictRefusesToExposeHiddenFixturesAndTheStudentIsToldTheGraderFailed()
      throws Exception {
    AutograderRoot root = root().submit(example("correct-loops"));

    AutograderRoot.Run run = root.runAutograder(Map.of("GRADER_SANDBOX", "process"));

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(root.resultsJson().get("output").asText()).isEqualTo(GRADER_FAILED);
    assertThat(run.output())
        .contains("grader: --strict: student code could read the hidden fixtures in ")
        .contains("run_autograder: the grader failed: grade exited with code 2 (see above)");
  }

  @Test
  void theBundlesGraderSaysTheFixturesCommandsNeedTheRepository() throws Exception {
    AutograderRoot root = root();

    AutograderRoot.Run run =
        root.run(
            List.of(
                "java",
                "-cp",
                root.source().resolve("lib") + "/*",
                "org.cnngrader.cli.GraderMain",
                "fixtures",
                "verify",
                root.source().resolve("fixtures").toString()),
            Map.of());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.output())
        .isEqualTo(
            "grader: fixtures verify needs ND4J, which this copy of the grader does not hold (a"
                + " Gradescope bundle grades from the fixtures as they are): run it from the"
                + " repository, with grader/bin/grader\n");
  }
}
