package org.cnngrader.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.cnngrader.AssignmentTotals;
import org.cnngrader.feedback.FeedbackWriter;
import org.cnngrader.fixture.Fixture;
import org.cnngrader.fixture.FixtureFiles;
import org.cnngrader.fixture.Visibility;
import org.cnngrader.handout.TempDirInBuildFolder;
import org.cnngrader.layer.Layer;
import org.cnngrader.layer.Part;
import org.cnngrader.layers.conv2d.Conv2dLayer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The handout as a student uses it: unzipped into an empty folder, with a Conv2d of their own, and
 * plain {@code mvn -B test} run there (a Maven of its own, outside the grader's build).
 */
class HandoutMavenBuildTest {

  private static final Path HOME = CommandLineRun.home();
  private static final String PUBLIC_ONLY =
      "These are the public cases only: your final grade also uses hidden cases.";

  @TempDir(factory = TempDirInBuildFolder.class)
  static Path temp;

  private static Path zip;
  private static Path classroom;
  private static Path biasFolder;
  private static MavenRun biasRun;
  private static List<Fixture> publicCases;

  @BeforeAll
  static void writeTheHandout() {
    zip = temp.resolve("student.zip");
    CommandLineRun cli = new CommandLineRun();
    assertThat(cli.run("handout", "--out", zip.toString())).as(cli.stderr()).isZero();
    classroom = temp.resolve("classroom");
    CommandLineRun classroomCli = new CommandLineRun();
    assertThat(classroomCli.run("classroom", "--out", classroom.toString()))
        .as(classroomCli.stderr())
        .isZero();
    publicCases = FixtureFiles.load(HOME.resolve("fixtures"), Visibility.PUBLIC).fixtures();
  }

  @Test
  void aCorrectSubmissionPassesEveryPublicPartAndTheScoreLinesSayPublicOnly() throws Exception {
    Path folder = unzippedWith("correct-loops", "correct");

    MavenRun run = mvnTest(folder);

    assertThat(run.exitCode()).as(run.output()).isZero();
    for (String part : partNames()) {
      assertThat(run.output()).contains("  PASS  " + part);
    }
    assertThat(run.output())
        .contains(
            fullLayerLines() + PUBLIC_ONLY + "\n" + scoreLine(PUBLIC.points(), PUBLIC.parts()))
        .contains(PUBLIC_ONLY)
        .contains("Tests run: " + PUBLIC.parts() + ", Failures: 0, Errors: 0, Skipped: 0")
        .contains("BUILD SUCCESS");
    assertNoHiddenCaseIn(run.output());
    for (String runner : ClassroomCommandTest.RUNNERS) {
      JsonNode result =
          new ObjectMapper()
              .readTree(folder.resolve("target/classroom/" + runner + ".json").toFile());
      assertThat(result.get("status").asText()).as(runner).isEqualTo("pass");
    }
  }

  /** The handout with a Conv2d that forgets its bias, and {@code mvn -B -q test} run there once. */
  private static synchronized MavenRun biasRun() throws Exception {
    if (biasRun == null) {
      biasFolder = unzippedWith("mistake-bias-missing", "bias");
      biasRun = mvnTest(biasFolder, "-q");
    }
    return biasRun;
  }

  /** What the check grades: the public cases. */
  private static final AssignmentTotals PUBLIC =
      AssignmentTotals.repository().only(Visibility.PUBLIC);

  /** The check's score line for {@code points} and {@code parts} passed. */
  private static String scoreLine(double points, int parts) {
    return String.format(
        "Pre-submit check: %s of %s points on the %d public cases (%d of %d parts passed).%n",
        FeedbackWriter.points(points), PUBLIC.pointsText(), PUBLIC.cases(), parts, PUBLIC.parts());
  }

  /** Each layer's line of the check's summary, with every point earned. */
  private static String fullLayerLines() {
    StringBuilder lines = new StringBuilder();
    for (Layer layer : PUBLIC.layers()) {
      String points = PUBLIC.layer(layer.id()).pointsText();
      lines.append(
          String.format("  %s (%s): %s of %s points%n", layer.title(), layer.id(), points, points));
    }
    return lines.toString();
  }

  /**
   * The failure Maven lists for a layer not started: its first call fails, and every other public
   * part of it is skipped.
   */
  private static String notStarted(Layer layer) {
    return layer.contract().className()
        + ".forward is not implemented yet; "
        + (PUBLIC.layer(layer.id()).parts() - 1)
        + " more parts need it,"
        + " skipped";
  }

  @Test
  void aConv2dThatForgetsTheBiasFailsTheBuildNamesEachFailingPartAndPrintsTheScore()
      throws Exception {
    MavenRun run = biasRun();

    assertThat(run.exitCode()).as(run.output()).isEqualTo(1);
    for (Fixture fixture : publicCases) {
      for (Part part : fixture.layer().parts()) {
        boolean fails = AssignmentTotals.biased(fixture) && part.equals(Conv2dLayer.FORWARD);
        assertThat(run.output())
            .contains((fails ? "  FAIL  " : "  PASS  ") + partName(fixture, part));
      }
    }
    AssignmentTotals.Lost lost = PUBLIC.lostToAMissingBias();
    assertThat(lost.parts()).isPositive();
    String scoreLine = scoreLine(PUBLIC.points() - lost.points(), PUBLIC.parts() - lost.parts());
    assertThat(run.output())
        .contains(
            "  FAIL  conv2d/lesson-5x5-s1-p1: forward values (2 points)\n        out is wrong: ")
        .contains(
            "\n        Likely mistake: the bias is missing: out matches the sums without b[f]")
        .contains(PUBLIC_ONLY)
        .containsPattern("\n  - Conv2d's forward leaves out the bias: \\d+ parts, \\d+ points\n")
        .contains(scoreLine);
    // The mistake is named once; the summary counts what it cost.
    assertThat(run.output().split("Likely mistake: the bias is missing", -1)).hasSize(2);
    // After the score, Maven lists each failing part in one line, then says the build failed:
    // no stack trace, no feedback again.
    String after = run.output().substring(run.output().indexOf(scoreLine) + scoreLine.length());
    List<String> failures =
        after
            .lines()
            .filter(l -> l.startsWith("[ERROR]   PreSubmitCheckTest.publicCases()["))
            .toList();
    assertThat(failures)
        .hasSize(lost.parts())
        .allMatch(
            l ->
                l.matches(
                    "\\[ERROR]   PreSubmitCheckTest\\.publicCases\\(\\)\\[\\d+] conv2d/[^ ]+:"
                        + " forward values: out is wrong"))
        .contains(
            "[ERROR]   PreSubmitCheckTest.publicCases()[22] conv2d/lesson-5x5-s1-p1: forward values:"
                + " out is wrong");
    assertThat(after)
        .contains(
            "[ERROR] Tests run: "
                + PUBLIC.parts()
                + ", Failures: "
                + lost.parts()
                + ", Errors: 0, Skipped: 0")
        .contains("There are test failures.")
        .doesNotContain("\tat ")
        .doesNotContain("Likely mistake")
        .doesNotContain("This case:");
    assertThat(after.lines().count()).isLessThanOrEqualTo(lost.parts() + 16L);
    assertNoHiddenCaseIn(run.output());
  }

  /**
   * The lines Maven prints after the check's score line besides one per failed test, whatever the
   * hand-in: without {@code -q}, "Results:", "Failures:", the counts, "BUILD FAILURE", the timing
   * and Maven's closing help, with the blank and rule lines between them, and the terminal reset
   * its console ends with (a line with no text). Measured with Maven 3.9 and Surefire 3.5.4: 25 (14
   * with {@code -q}). Surefire counts skipped tests and never lists them ({@code
   * DefaultReporterFactory.printTestFailures} lists failures, errors and flakes only).
   */
  private static final int MAVENS_OWN_LINES = 25;

  @Test
  void theUntouchedTemplateFailsTheBuildWithOneLineAfterTheScorePerLayer() throws Exception {
    Path folder = unzippedWith("correct-loops", "template", List.of());

    MavenRun run = mvnTest(folder);

    assertThat(run.exitCode()).as(run.output()).isEqualTo(1);
    String after = afterTheScore(run, scoreLine(0, 0));
    int layers = PUBLIC.layers().size();
    assertThat(failuresListed(after))
        .containsExactlyInAnyOrderElementsOf(
            PUBLIC.layers().stream().map(HandoutMavenBuildTest::notStarted).toList());
    // Skipped tests are counted, never listed.
    assertThat(after)
        .contains(
            "[ERROR] Tests run: "
                + PUBLIC.parts()
                + ", Failures: "
                + layers
                + ", Errors: 0, Skipped: "
                + (PUBLIC.parts() - layers))
        .contains("BUILD FAILURE")
        .doesNotContain("\tat ")
        .doesNotContain("conv2d/");
    assertThat(after.lines().count()).isLessThanOrEqualTo(layers + MAVENS_OWN_LINES);
    // Each skipped part is one line as it runs, after the feedback of the part that failed for it.
    assertThat(run.output())
        .contains(
            "  FAIL  conv2d/lesson-5x5-s1-p1: backward dx (2 points):"
                + " cnn.Conv2d.forward is not implemented yet\n");
  }

  @Test
  void aConv2dAloneFailsTheBuildWithOneLineAfterTheScorePerLayerNotStarted() throws Exception {
    Path folder = unzippedWith("correct-loops", "conv2d-only", List.of("Conv2d.java"));

    MavenRun run = mvnTest(folder);

    assertThat(run.exitCode()).as(run.output()).isEqualTo(1);
    AssignmentTotals conv2d = PUBLIC.layer("conv2d");
    String after = afterTheScore(run, scoreLine(conv2d.points(), conv2d.parts()));
    List<Layer> others = PUBLIC.layers().stream().filter(l -> !l.id().equals("conv2d")).toList();
    assertThat(failuresListed(after))
        .containsExactlyInAnyOrderElementsOf(
            others.stream().map(HandoutMavenBuildTest::notStarted).toList());
    assertThat(after)
        .contains(
            "[ERROR] Tests run: "
                + PUBLIC.parts()
                + ", Failures: "
                + others.size()
                + ", Errors: 0, Skipped: "
                + (PUBLIC.parts() - conv2d.parts() - others.size()))
        .doesNotContain("\tat ");
    assertThat(after.lines().count()).isLessThanOrEqualTo(others.size() + MAVENS_OWN_LINES);
    for (String part : partNames()) {
      if (part.startsWith("conv2d/")) {
        assertThat(run.output()).contains("  PASS  " + part);
      }
    }
  }

  /** What Maven printed after the check's score line, which it must have printed. */
  private static String afterTheScore(MavenRun run, String scoreLine) {
    assertThat(run.output()).contains(scoreLine);
    return run.output().substring(run.output().indexOf(scoreLine) + scoreLine.length());
  }

  /** The messages of the failures Maven lists (sorted by the tests' names, "publicCases()[N]"). */
  private static List<String> failuresListed(String after) {
    return after
        .lines()
        .filter(l -> l.startsWith("[ERROR]   PreSubmitCheckTest.publicCases()["))
        .map(
            l -> l.replaceFirst("^\\[ERROR]   PreSubmitCheckTest\\.publicCases\\(\\)\\[\\d+] ", ""))
        .toList();
  }

  @Test
  void theCheckWritesEachLayersPointsAndClassroomsReporterReadsTheScoreTheCheckGave()
      throws Exception {
    MavenRun run = biasRun();
    assertThat(run.exitCode()).as(run.output()).isEqualTo(1);
    // The template repository is the handout with .github/ beside it.
    copyFolder(classroom.resolve(".github"), biasFolder.resolve(".github"));
    JsonNode workflow = ClassroomWorkflowRun.workflow(biasFolder);

    Map<String, String> outputs = ClassroomWorkflowRun.runStep(biasFolder, workflow, "points");

    double total = 0;
    double max = 0;
    for (String base64 : outputs.values()) {
      JsonNode result = new ObjectMapper().readTree(Base64.getDecoder().decode(base64));
      assertThat(result.get("status").asText()).isIn("pass", "fail");
      max += result.get("max_score").asDouble();
      for (JsonNode test : result.get("tests")) {
        total += test.get("score").asDouble();
      }
    }
    double points = PUBLIC.points() - PUBLIC.lostToAMissingBias().points();
    assertThat(total).isEqualTo(points);
    assertThat(max).isEqualTo(PUBLIC.points());
    ClassroomWorkflowRun.Reported reported =
        ClassroomWorkflowRun.report(
            workflow,
            ClassroomWorkflowRun.reporterEnvironment(workflow, Map.of("points", outputs)));
    assertThat(reported.points())
        .isEqualTo("Points " + FeedbackWriter.points(points) + "/" + PUBLIC.pointsText());
    assertThat(reported.output())
        .contains("❌ conv2d/lesson-5x5-s1-p1: forward values (2 points)")
        .contains("✅ maxpool2d/lesson-4x4-2x2-s2: forward shape (1 point)")
        .contains("::error::Some tests failed.");
    assertThat(reported.exitCode()).isEqualTo(1);
  }

  private static void copyFolder(Path from, Path to) throws IOException {
    try (java.util.stream.Stream<Path> paths = Files.walk(from)) {
      for (Path source : paths.toList()) {
        Path target = to.resolve(from.relativize(source).toString());
        if (Files.isDirectory(source)) {
          Files.createDirectories(target);
        } else {
          Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }

  private static List<String> partNames() {
    List<String> names = new ArrayList<>();
    for (Fixture fixture : publicCases) {
      for (Part part : fixture.layer().parts()) {
        names.add(partName(fixture, part));
      }
    }
    assertThat(names)
        .hasSize(PUBLIC.parts())
        .contains(
            "conv2d/lesson-5x5-s2-p1: backward dx (2 points)",
            "maxpool2d/overlap-3x3-s2: backward dx (2 points)");
    return names;
  }

  private static String partName(Fixture fixture, Part part) {
    double points = fixture.points(part);
    return fixture.layer().id()
        + "/"
        + fixture.name()
        + ": "
        + part.label()
        + " ("
        + FeedbackWriter.points(points)
        + (points == 1 ? " point)" : " points)");
  }

  private static void assertNoHiddenCaseIn(String output) {
    for (Fixture hidden :
        FixtureFiles.load(HOME.resolve("fixtures"), Visibility.HIDDEN).fixtures()) {
      assertThat(output).doesNotContain(hidden.name());
    }
  }

  /** The handout unzipped into a folder of its own, with an example's four layers in place. */
  private static Path unzippedWith(String example, String name) throws IOException {
    return unzippedWith(
        example,
        name,
        List.of("Conv2d.java", "MaxPool2d.java", "SpatialGroupNorm.java", "SpatialBatchNorm.java"));
  }

  /**
   * The handout unzipped into a folder of its own, with an example's {@code layers} in place and
   * the template's other layers.
   */
  private static Path unzippedWith(String example, String name, List<String> layers)
      throws IOException {
    Path unzipped = Files.createDirectories(temp.resolve(name));
    try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
      for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
        Path file = unzipped.resolve(entry.getName());
        if (entry.isDirectory()) {
          Files.createDirectories(file);
          continue;
        }
        Files.createDirectories(file.getParent());
        Files.copy(in, file);
      }
    }
    // The zip holds one folder, named after it.
    Path folder = unzipped.resolve("student");
    for (String layer : layers) {
      Files.copy(
          HOME.resolve("fixtures/submissions").resolve(example).resolve("cnn").resolve(layer),
          folder.resolve("src/main/java/cnn").resolve(layer),
          StandardCopyOption.REPLACE_EXISTING);
    }
    return folder;
  }

  /** What a Maven run printed, stdout and stderr together, and how it ended. */
  record MavenRun(int exitCode, String output) {}

  private static MavenRun mvnTest(Path folder, String... options)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(
        System.getProperty("os.name").toLowerCase(Locale.ROOT).startsWith("windows")
            ? "mvn.cmd"
            : "mvn");
    command.addAll(List.of("-B", "-Dstyle.color=never"));
    String repository = System.getProperty("maven.repo.local");
    if (repository != null && !repository.isBlank()) {
      command.add("-Dmaven.repo.local=" + repository);
    }
    command.addAll(List.of(options));
    command.add("test");
    Path log = folder.resolveSibling(folder.getFileName() + ".log");
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(folder.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(nullFile()));
    // The folder lies inside the repository, whose .mvn/ Maven would otherwise take for the
    // handout's: the handout is a project of its own.
    builder.environment().put("MAVEN_BASEDIR", folder.toString());
    Process process = builder.start();
    if (!process.waitFor(5, TimeUnit.MINUTES)) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly().waitFor();
      throw new AssertionError("mvn test took over 5 minutes in " + folder + ":\n" + read(log));
    }
    return new MavenRun(process.exitValue(), read(log));
  }

  private static java.io.File nullFile() {
    return new java.io.File(
        System.getProperty("os.name").toLowerCase(Locale.ROOT).startsWith("windows")
            ? "NUL"
            : "/dev/null");
  }

  private static String read(Path log) throws IOException {
    try (InputStream in = Files.newInputStream(log)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("\r\n", "\n");
    }
  }
}
