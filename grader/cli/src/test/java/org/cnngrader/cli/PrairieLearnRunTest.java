package org.cnngrader.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
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
  record Run(Path root, int exitCode, String output, JsonNode results, long bytes) {}

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
    return run(bundle, gradeRoot, javaHome, Map.of());
  }

  /** Runs run as PrairieLearn does, with {@code environment} as info.json's gives it. */
  static Run run(Path bundle, Path gradeRoot, Path javaHome, Map<String, String> environment)
      throws Exception {
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
    builder.environment().putAll(environment);
    Process process = builder.start();
    process.getOutputStream().close();
    if (!process.waitFor(5, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new AssertionError("run did not finish within 5 minutes");
    }
    String output = Files.readString(log, StandardCharsets.UTF_8);
    Path results = gradeRoot.resolve("results/results.json");
    return new Run(
        gradeRoot,
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
    // apps/grader-host/src/index.ts: no grade for more than 1024 * 1024 bytes.
    assertThat(run.bytes()).as("PrairieLearn's limit of 1 MiB").isLessThanOrEqualTo(1_048_576);
    double points = 0;
    double max = 0;
    for (JsonNode test : results.get("tests")) {
      for (String field : List.of("name", "message")) {
        assertThat(test.get(field).isTextual()).as(test + ": " + field).isTrue();
      }
      for (String field : List.of("description", "output")) {
        assertThat(test.path(field).isMissingNode() || test.get(field).isTextual())
            .as(test + ": " + field)
            .isTrue();
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
  void theBundleHoldsRunTheJarsAndTheFixturesAndSaysWhatInfoJsonNeeds() throws Exception {
    assertThat(bundle.resolve("run")).isExecutable();
    assertThat(bundle.resolve("lib/grader-core.jar")).isRegularFile();
    assertThat(bundle.resolve("fixtures/conv2d/hidden")).isDirectory();
    try (Stream<Path> jars = Files.list(bundle.resolve("lib"))) {
      assertThat(jars.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains("nd4j"));
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
    JsonNode options = infoJson(written).get("externalGradingOptions");
    assertThat(options.get("entrypoint").asText())
        .isEqualTo("/grade/serverFilesCourse/cnn-grader/run");
    assertThat(options.get("serverFilesCourse").get(0).asText()).isEqualTo("cnn-grader/");
    assertThat(options.get("image").asText()).isEqualTo("prairielearn/grader-java");
  }

  /** The info.json snippet a run of grader prairielearn printed, as JSON. */
  private static JsonNode infoJson(String printed) throws Exception {
    String snippet =
        printed.substring(
            printed.indexOf("  \"gradingMethod\""), printed.indexOf("See docs/prairielearn.md."));
    return new ObjectMapper().readTree("{" + snippet + "}");
  }

  /**
   * What PrairieLearn's schema for a question's externalGradingOptions
   * (apps/prairielearn/src/schemas/infoQuestion.ts) and its documentation (timeout at most 600 s)
   * take.
   */
  @Test
  void theInfoJsonSnippetFollowsPrairieLearnsSchema() throws Exception {
    JsonNode info = infoJson(written);

    assertThat(info.get("gradingMethod").asText()).isEqualTo("External");
    JsonNode options = info.get("externalGradingOptions");
    assertThat(options.get("enabled").asBoolean()).isTrue();
    assertThat(options.get("timeout").isInt()).isTrue();
    assertThat(options.get("timeout").asInt()).isBetween(101, 600);
    assertThat(options.get("environment").isObject()).isTrue();
    options.get("environment").forEach(value -> assertThat(value.isTextual()).isTrue());
    assertThat(options.get("environment").get("GRADER_COMPILE_ERROR").asText())
        .isEqualTo("ungradable");
  }

  @Test
  void aBundleOutsideACoursesServerFilesCourseIsNamedAsTheDocsNameIt() throws Exception {
    CommandLineRun cli = new CommandLineRun();

    assertThat(cli.run("prairielearn", "--out", temp.resolve("dist/pl").toString()))
        .as(cli.stderr())
        .isZero();

    assertThat(cli.stdout())
        .contains("Keep it in the course's serverFilesCourse/cnn-grader/, and give each");
    assertThat(infoJson(cli.stdout()).get("externalGradingOptions").get("entrypoint").asText())
        .isEqualTo("/grade/serverFilesCourse/cnn-grader/run");
  }

  @Test
  void aBundleNestedInServerFilesCourseIsNamedByItsPathThere() throws Exception {
    CommandLineRun cli = new CommandLineRun();

    assertThat(
            cli.run(
                "prairielearn",
                "--out",
                temp.resolve("course/serverFilesCourse/graders/cnn").toString()))
        .as(cli.stderr())
        .isZero();

    JsonNode options = infoJson(cli.stdout()).get("externalGradingOptions");
    assertThat(options.get("serverFilesCourse").get(0).asText()).isEqualTo("graders/cnn/");
    assertThat(options.get("entrypoint").asText())
        .isEqualTo("/grade/serverFilesCourse/graders/cnn/run");
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
    assertThat(results.get("message").asText())
        .startsWith("Score: ")
        .endsWith(
            "\nFirst problem: conv2d/batch-3ch-4filters: forward values: likely mistake: forward"
                + " leaves out the bias");
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
    assertThat(hidden.get("message").asText()).matches("\\d+ of \\d+ parts passed");
    assertThat(hidden.has("output")).isFalse();
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

    // apps/grader-host/src/index.ts reads results.json only after an exit code of 0.
    assertThat(run.exitCode()).as(run.output()).isZero();
    assertThat(run.results().get("gradable").asBoolean()).isFalse();
    assertThat(run.results().get("score").asDouble()).isZero();
    assertThat(run.results().get("message").asText()).contains("costs you no attempt");
    assertThat(run.results().get("format_errors")).hasSize(1);
    assertThat(run.results().get("format_errors").get(0).asText())
        .isEqualTo(run.results().get("message").asText());
    assertThat(run.output())
        .contains("run: the grader failed: grade exited with code 2")
        .contains(
            "run: wrote "
                + run.root().resolve("results/results.json")
                + " saying the grader failed (not gradable, no attempt used)");
  }

  /**
   * A PL_GRADE_ROOT whose student/ holds the correct example with a Conv2d that does not compile.
   */
  private Path gradeRootNotCompiling() throws Exception {
    Path root = gradeRoot("correct-loops");
    Files.writeString(
        root.resolve("student/Conv2d.java"),
        "package cnn;\n\npublic class Conv2d {\n  public Conv2d(int stride, int pad) {}\n  int x =\n}\n");
    return root;
  }

  @Test
  void aHandInThatDoesNotCompileIsNotGradableByDefault() throws Exception {
    TestSandbox.atLeast(SandboxLevel.USER);

    Run run = run(bundle, gradeRootNotCompiling(), Path.of(System.getProperty("java.home")));

    assertThat(run.exitCode()).as(run.output()).isZero();
    JsonNode results = run.results();
    assertThat(results.get("gradable").asBoolean()).as(run.output()).isFalse();
    assertThat(results.get("message").asText())
        .isEqualTo(
            "Not graded: your code does not compile, or there is nothing to compile. This costs"
                + " you no attempt; fix the errors below and submit again.");
    assertThat(results.get("format_errors")).hasSize(1);
    assertThat(results.get("format_errors").get(0).asText())
        .startsWith("cnn.Conv2d does not compile:\n")
        .contains("Conv2d.java:6: error: illegal start of expression");
    assertThat(run.output())
        .contains(
            "run: wrote "
                + run.root().resolve("results/results.json")
                + ": not gradable, as the hand-in does not compile or is empty"
                + " (GRADER_COMPILE_ERROR=ungradable); no attempt used");
  }

  @Test
  void underGradeAHandInThatDoesNotCompileIsGradedOnTheLayersThatDo() throws Exception {
    TestSandbox.atLeast(SandboxLevel.USER);

    Run run =
        run(
            bundle,
            gradeRootNotCompiling(),
            Path.of(System.getProperty("java.home")),
            Map.of("GRADER_COMPILE_ERROR", "grade"));

    assertThat(run.exitCode()).as(run.output()).isZero();
    followsPrairieLearnsFormat(run);
    assertThat(run.results().get("score").asDouble()).isBetween(0.5, 0.99);
    assertThat(run.results().get("message").asText())
        .contains("\nFirst problem: conv2d/")
        .endsWith("cnn.Conv2d does not compile, so it was left out (what else compiles is graded)");
  }

  @Test
  void compileErrorIsRefusedWithoutPrairieLearnsResultsOrWithAnUnknownPolicy() throws Exception {
    Path student = gradeRoot("correct-loops").resolve("student");
    String out = temp.resolve("out").toString();

    CommandLineRun alone = new CommandLineRun();
    assertThat(alone.run("grade", student.toString(), "--out", out, "--compile-error", "grade"))
        .isEqualTo(ExitCode.USAGE);
    assertThat(alone.stderr())
        .isEqualTo("grader: --compile-error applies to --prairielearn's results only\n");

    CommandLineRun unknown = new CommandLineRun();
    assertThat(
            unknown.run(
                "grade",
                student.toString(),
                "--out",
                out,
                "--prairielearn",
                "--compile-error",
                "fail"))
        .isEqualTo(ExitCode.USAGE);
    assertThat(unknown.stderr())
        .isEqualTo("grader: --compile-error must be grade or ungradable, found 'fail'\n");
    assertThat(temp.resolve("out")).doesNotExist();
  }
}
