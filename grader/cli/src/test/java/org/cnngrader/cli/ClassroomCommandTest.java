package org.cnngrader.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.cnngrader.AssignmentTotals;
import org.cnngrader.fixture.Visibility;
import org.cnngrader.handout.TempDirInBuildFolder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code grader classroom}: a GitHub Classroom template repository, the handout at its root and a
 * workflow that GitHub can read and whose payload the reporter reads.
 */
class ClassroomCommandTest {

  private static final AssignmentTotals TOTALS = AssignmentTotals.repository();

  @TempDir(factory = TempDirInBuildFolder.class)
  Path temp;

  private final CommandLineRun cli = new CommandLineRun();

  static final List<String> RUNNERS =
      List.of("conv2d", "maxpool2d", "spatialbatchnorm", "spatialgroupnorm");

  @Test
  void writesTheHandoutAtTheRootWithTheWorkflowAndNothingElse() throws Exception {
    Path zip = temp.resolve("student.zip");
    assertThat(new CommandLineRun().run("handout", "--out", zip.toString())).isZero();
    Path repository = temp.resolve("template");

    int code = cli.run("classroom", "--out", repository.toString());

    assertThat(code).as(cli.stderr()).isZero();
    assertThat(cli.stderr()).isEmpty();
    Map<String, byte[]> written = filesBelow(repository);
    Map<String, byte[]> handout = HandoutCommandTest.entries(zip);
    Map<String, byte[]> extra = new TreeMap<>(written);
    handout.keySet().forEach(extra::remove);
    assertThat(extra.keySet())
        .containsExactly(
            ".github/classroom/conv2d.json",
            ".github/classroom/maxpool2d.json",
            ".github/classroom/spatialbatchnorm.json",
            ".github/classroom/spatialgroupnorm.json",
            ".github/workflows/classroom.yml",
            ".gitignore");
    handout.forEach((path, content) -> assertThat(written.get(path)).as(path).isEqualTo(content));
    assertThat(written.keySet()).noneMatch(path -> path.contains("hidden"));
    assertThat(new String(written.get(".gitignore"), StandardCharsets.UTF_8))
        .contains("\ntarget/\n");
    assertThat(cli.stdout())
        .isEqualTo(
            "Wrote "
                + repository
                + ": "
                + written.size()
                + " files, "
                + TOTALS.only(Visibility.PUBLIC).cases()
                + " of them public fixtures, and the workflow"
                + " .github/workflows/classroom.yml (points on the public cases: "
                + TOTALS.only(Visibility.PUBLIC).titledPoints()
                + ").\n"
                + "Checked: no file in it is, or holds the inputs of, one of the "
                + HandoutCommandTest.hiddenFixtureFiles()
                + " hidden fixtures,"
                + " and none is a case list or one of the "
                + HandoutCommandTest.exampleSolutionFiles()
                + " files of example solutions.\n"
                + "Push it to a repository, mark it as a template, and choose it in the Classroom"
                + " assignment; add no autograding tests there.\n");
  }

  @Test
  void theWorkflowIsYamlThatRunsTheCheckOnPushAndHandsEachLayerToTheReporter() throws Exception {
    Path repository = temp.resolve("template");
    assertThat(cli.run("classroom", "--out", repository.toString())).as(cli.stderr()).isZero();

    JsonNode workflow = ClassroomWorkflowRun.workflow(repository);

    assertThat(workflow.get("name").asText()).isEqualTo("Autograding Tests");
    // Quoted in the file: YAML 1.1 would read a bare on as true.
    assertThat(workflow.get("on")).extracting(JsonNode::asText).contains("push");
    assertThat(workflow.get("permissions").get("checks").asText()).isEqualTo("write");
    List<JsonNode> steps = ClassroomWorkflowRun.steps(workflow);
    assertThat(steps.get(0).get("uses").asText()).matches("actions/checkout@[0-9a-f]{40}");
    assertThat(steps.get(1).get("uses").asText()).matches("actions/setup-java@[0-9a-f]{40}");
    assertThat(steps.get(1).get("with").get("java-version").asText()).isEqualTo("17");
    assertThat(steps.get(1).get("with").get("cache").asText()).isEqualTo("maven");
    JsonNode check = ClassroomWorkflowRun.step(workflow, "check");
    assertThat(check.get("run").asText()).isEqualTo("mvn -B -q test");
    assertThat(check.get("continue-on-error").asBoolean()).isTrue();
    JsonNode reporter = ClassroomWorkflowRun.reporterStep(workflow);
    assertThat(reporter.get("uses").asText())
        .isEqualTo(
            "classroom-resources/autograding-grading-reporter@d13b5912daf5042ac1b71bc38bdb4a6bcd61d8ca");
    assertThat(reporter.get("if").asText()).isEqualTo("always()");
    assertThat(reporter.get("with").get("runners").asText())
        .isEqualTo(String.join(",", RUNNERS))
        // The reporter's own check of its input (main.js).
        .matches("^([a-zA-Z0-9]+,)*[a-zA-Z0-9]+$");
    Map<String, String> env = new LinkedHashMap<>();
    reporter.get("env").properties().forEach(e -> env.put(e.getKey(), e.getValue().asText()));
    Map<String, String> expected = new LinkedHashMap<>();
    RUNNERS.forEach(
        r ->
            expected.put(
                r.toUpperCase(java.util.Locale.ROOT) + "_RESULTS",
                "${{ steps.points.outputs." + r + " }}"));
    assertThat(env).containsExactlyEntriesOf(expected);
    assertThat(steps.indexOf(ClassroomWorkflowRun.step(workflow, "points")))
        .isBetween(steps.indexOf(check) + 1, steps.indexOf(reporter) - 1);
  }

  @Test
  void whenTheCheckDidNotRunEachLayerIsAnErrorWorthNothingOutOfItsPoints() throws Exception {
    Path repository = temp.resolve("template");
    assertThat(cli.run("classroom", "--out", repository.toString())).as(cli.stderr()).isZero();
    JsonNode workflow = ClassroomWorkflowRun.workflow(repository);

    Map<String, String> outputs = ClassroomWorkflowRun.runStep(repository, workflow, "points");

    assertThat(outputs.keySet()).containsExactlyElementsOf(RUNNERS);
    JsonNode conv2d =
        new ObjectMapper().readTree(Base64.getDecoder().decode(outputs.get("conv2d")));
    assertThat(conv2d.get("status").asText()).isEqualTo("error");
    assertThat(conv2d.get("max_score").asDouble())
        .isEqualTo(TOTALS.only(Visibility.PUBLIC).layer("conv2d").points());
    assertThat(conv2d.get("tests").get(0).get("score").asDouble()).isZero();
    ClassroomWorkflowRun.Reported reported =
        ClassroomWorkflowRun.report(
            workflow,
            ClassroomWorkflowRun.reporterEnvironment(workflow, Map.of("points", outputs)));
    assertThat(reported.points())
        .isEqualTo("Points 0/" + TOTALS.only(Visibility.PUBLIC).pointsText());
    assertThat(reported.output()).contains("::error::Some tests errored.");
    assertThat(reported.exitCode()).isEqualTo(1);
  }

  @Test
  void refusesAFolderThatHoldsAnythingButGit() throws Exception {
    Path repository = Files.createDirectories(temp.resolve("template"));
    Files.createDirectories(repository.resolve(".git"));
    Files.writeString(repository.resolve("README.md"), "mine");

    int code = cli.run("classroom", "--out", repository.toString());

    assertThat(code).isEqualTo(ExitCode.USAGE);
    assertThat(cli.stderr())
        .isEqualTo(
            "grader: --out "
                + repository
                + " is not empty (it holds README.md): give a new folder, or a clone of an empty"
                + " repository\n");
    assertThat(Files.readString(repository.resolve("README.md"))).isEqualTo("mine");
    assertThat(repository.resolve("pom.xml")).doesNotExist();
  }

  @Test
  void writesIntoACloneOfAnEmptyRepository() throws Exception {
    Path repository = Files.createDirectories(temp.resolve("template"));
    Files.writeString(Files.createDirectories(repository.resolve(".git")).resolve("HEAD"), "x");

    int code = cli.run("classroom", "--out", repository.toString());

    assertThat(code).as(cli.stderr()).isZero();
    assertThat(repository.resolve(".github/workflows/classroom.yml")).isRegularFile();
    assertThat(repository.resolve(".git/HEAD")).hasContent("x");
  }

  @Test
  void refusesAFile() throws Exception {
    Path file = Files.writeString(temp.resolve("template"), "x");

    assertThat(cli.run("classroom", "--out", file.toString())).isEqualTo(ExitCode.USAGE);
    assertThat(cli.stderr()).isEqualTo("grader: --out " + file + " is a file, not a folder\n");
  }

  private static Map<String, byte[]> filesBelow(Path folder) throws Exception {
    Map<String, byte[]> files = new TreeMap<>();
    try (Stream<Path> paths = Files.walk(folder)) {
      for (Path file : paths.filter(Files::isRegularFile).toList()) {
        files.put(folder.relativize(file).toString().replace('\\', '/'), Files.readAllBytes(file));
      }
    }
    return files;
  }
}
