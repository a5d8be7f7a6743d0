package org.cnngrader.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.cnngrader.TestSandbox;
import org.cnngrader.sandbox.SandboxLevel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The folder of grader prairielearn, run as PrairieLearn runs a question's external grader: run
 * with PL_GRADE_ROOT holding student/, on the JDK 25 of PrairieLearn's Java image where this
 * machine has one, its results.json checked against PrairieLearn's rules.
 */
class PrairieLearnRunTest {

  /** Where this machine kind keeps a JDK 25, as PrairieLearn's grader-java image ships one. */
  static final Path JDK_25 =
      Path.of(System.getenv().getOrDefault("GRADER_JDK25", "/usr/lib/jvm/temurin-25-jdk-amd64"));

  /** Set to {@code yes} where a missing JDK 25 must fail the tests (CI), not skip them. */
  static final String EXPECT_JDK_25 = "GRADER_EXPECT_JDK25";

  @TempDir static Path shared;

  private static Path bundle;
  private static String written;

  @TempDir Path temp;

  /** What a run of run left: its exit code, what it printed, and results.json. */
  record Run(int exitCode, String output, JsonNode results, long bytes) {}

  @BeforeAll
  static void writeTheBundle() {
    bundle = shared.resolve("serverFilesCourse/cnn-grader");
    CommandLineRun cli = new CommandLineRun();
    assertThat(cli.run("prairielearn", "--out", bundle.toString())).as(cli.stderr()).isZero();
    written = cli.stdout();
  }

  private static Path jdk25() {
    boolean present = Files.isExecutable(JDK_25.resolve("bin/java"));
    if (!"yes".equals(System.getenv(EXPECT_JDK_25))) {
      assumeTrue(present, "no JDK 25 at " + JDK_25 + " (set GRADER_JDK25 to its home)");
    }
    assertThat(JDK_25.resolve("bin/java"))
        .as(EXPECT_JDK_25 + "=yes demands a JDK 25")
        .isExecutable();
    return JDK_25;
  }

  /**
   * A PL_GRADE_ROOT whose student/ holds {@code example}'s files flat, as a file upload leaves
   * them.
   */
  private Path gradeRoot(String example) throws Exception {
    Path student = Files.createDirectories(temp.resolve("grade/student"));
    Path source =
        CommandLineRun.home().resolve("fixtures/submissions").resolve(example).resolve("cnn");
    try (Stream<Path> files = Files.list(source)) {
      for (Path file : files.toList()) {
        Files.copy(file, student.resolve(file.getFileName()));
      }
    }
    return temp.resolve("grade");
  }

  private static Run run(Path bundle, Path gradeRoot, Path javaHome) throws Exception {
    Path log = Files.createTempFile(gradeRoot.getParent(), "run-", ".log");
    ProcessBuilder builder =
        new ProcessBuilder("bash", bundle.resolve("run").toString())
            .directory(gradeRoot.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    builder.environment().clear();
    builder.environment().put("PATH", javaHome.resolve("bin") + ":/usr/local/bin:/usr/bin:/bin");
    builder.environment().put("HOME", System.getProperty("user.home"));
    builder.environment().put("PL_GRADE_ROOT", gradeRoot.toString());
    Process process = builder.start();
    process.getOutputStream().close();
    if (!process.waitFor(5, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new AssertionError("run did not finish within 5 minutes");
    }
    String output = Files.readString(log, StandardCharsets.UTF_8);
    Path results = gradeRoot.resolve("results/results.json");
    return new Run(
        process.exitValue(),
        output,
        new ObjectMapper().readTree(results.toFile()),
        Files.size(results));
  }

  /** PrairieLearn's rules for results.json, as its external-grading documentation gives them. */
  private static void followsPrairieLearnsFormat(Run run) {
    JsonNode results = run.results();
    assertThat(results.get("gradable").asBoolean()).isTrue();
    assertThat(results.get("score").isNumber()).isTrue();
    assertThat(results.get("score").asDouble()).isBetween(0.0, 1.0);
    assertThat(results.get("message").isTextual()).isTrue();
    assertThat(results.get("output").isTextual()).isTrue();
    assertThat(run.bytes()).as("PrairieLearn's limit of about 1 MB").isLessThan(1_000_000);
    double points = 0;
    double max = 0;
    for (JsonNode test : results.get("tests")) {
      for (String field : List.of("name", "description", "message", "output")) {
        assertThat(test.get(field).isTextual()).as(test + ": " + field).isTrue();
      }
      // Per-test points show only when every test has both.
      assertThat(test.get("points").isNumber()).as(test.get("name").asText()).isTrue();
      assertThat(test.get("max_points").isNumber()).as(test.get("name").asText()).isTrue();
      assertThat(test.get("points").asDouble()).isBetween(0.0, test.get("max_points").asDouble());
      points += test.get("points").asDouble();
      max += test.get("max_points").asDouble();
      for (JsonNode image : test.path("images")) {
        assertThat(image.get("url").asText()).startsWith("data:image/png;base64,");
        assertThat(image.get("label").asText()).isNotBlank();
      }
    }
    assertThat(results.get("score").asDouble())
        .isCloseTo(points / max, org.assertj.core.data.Offset.offset(1e-9));
  }

  @Test
  void theBundleHoldsRunTheJarsAndTheFixturesAndSaysWhatInfoJsonNeeds() {
    assertThat(bundle.resolve("run")).isExecutable();
    assertThat(bundle.resolve("lib/grader-core.jar")).isRegularFile();
    assertThat(bundle.resolve("fixtures/conv2d/hidden")).isDirectory();
    try (Stream<Path> jars = Files.list(bundle.resolve("lib"))) {
      assertThat(jars.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains("nd4j"));
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
    assertThat(written)
        .contains("\"entrypoint\": \"/grade/serverFilesCourse/cnn-grader/run\"")
        .contains("\"serverFilesCourse\": [\"cnn-grader/\"]")
        .contains("\"image\": \"prairielearn/grader-java\"");
  }

  @Test
  void aCorrectSubmissionGetsFullMarksOnPrairieLearnsJdk() throws Exception {
    Path jdk = jdk25();
    TestSandbox.atLeast(SandboxLevel.USER);

    Run run = run(bundle, gradeRoot("correct-loops"), jdk);

    assertThat(run.exitCode()).as(run.output()).isZero();
    followsPrairieLearnsFormat(run);
    assertThat(run.results().get("score").asDouble()).as(run.output()).isEqualTo(1.0);
    assertThat(run.output()).contains("\"version\" : \"25");
  }

  @Test
  void aMistakeLosesPointsWithItsHeatMapsAndHiddenCasesShowOnlyTheirPoints() throws Exception {
    TestSandbox.atLeast(SandboxLevel.USER);
    Path javaHome = Path.of(System.getProperty("java.home"));

    Run run = run(bundle, gradeRoot("mistake-bias-missing"), javaHome);

    assertThat(run.exitCode()).as(run.output()).isZero();
    followsPrairieLearnsFormat(run);
    JsonNode results = run.results();
    assertThat(results.get("score").asDouble()).isLessThan(1.0);
    assertThat(results.get("message").asText()).startsWith("Score: ");
    assertThat(results.get("output").asText())
        .contains("graded too; their points are in each layer's \"hidden cases\" test");
    assertThat(results.get("tests").findValues("images").stream().mapToInt(JsonNode::size).sum())
        .isPositive();
    JsonNode hidden = null;
    for (JsonNode test : results.get("tests")) {
      if (test.get("name").asText().equals("conv2d: hidden cases")) {
        hidden = test;
      }
      assertThat(test.get("name").asText()).doesNotContain("hidden/");
    }
    assertThat(hidden).isNotNull();
    assertThat(hidden.get("output").asText()).matches("\\d+ of \\d+ parts passed\\.");
  }

  @Test
  void aFaultOfTheGraderIsNotGradableAndCostsNoAttempt() throws Exception {
    Path broken = temp.resolve("broken");
    TestFiles.copyTree(bundle, broken);
    Files.setPosixFilePermissions(
        broken.resolve("run"),
        java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
    org.cnngrader.files.FileTrees.delete(broken.resolve("fixtures"));

    Run run = run(broken, gradeRoot("correct-loops"), Path.of(System.getProperty("java.home")));

    assertThat(run.exitCode()).isNotZero();
    assertThat(run.results().get("gradable").asBoolean()).isFalse();
    assertThat(run.results().get("score").asDouble()).isZero();
    assertThat(run.results().get("message").asText()).contains("costs you no attempt");
    assertThat(run.results().get("format_errors")).hasSize(1);
    assertThat(run.output()).contains("run: the grader failed: grade exited with code 2");
  }
}
