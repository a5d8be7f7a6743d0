package org.cnngrader.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.cnngrader.AssignmentTotals;
import org.cnngrader.TestSandbox;
import org.cnngrader.fixture.FixtureFiles;
import org.cnngrader.sandbox.SandboxChoice;
import org.cnngrader.sandbox.SandboxLevel;
import org.cnngrader.sandbox.SandboxUnavailableException;
import org.cnngrader.sandbox.Sandboxes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * --sandbox, --strict and --policy as a TA meets them: the level is stated, readable hidden
 * fixtures are warned of or refused, level 2 hides the grader's secrets, and the static check's
 * policy is applied.
 */
class SandboxOptionsTest {

  @TempDir Path temp;

  private final CommandLineRun cli = new CommandLineRun();

  private static SandboxLevel strongest() {
    try {
      return Sandboxes.choose(SandboxChoice.AUTO).sandbox().level();
    } catch (SandboxUnavailableException e) {
      throw new AssertionError(e);
    }
  }

  private static String correct() {
    return CommandLineRun.home().resolve("fixtures/submissions/correct-loops").toString();
  }

  private static JsonNode json(Path file) throws IOException {
    return new ObjectMapper().readTree(file.toFile());
  }

  @Test
  void levelThreeWarnsThatHiddenFixturesAreReadableAndSaysSoInTheProvenance() throws Exception {
    int code = cli.run("grade", correct(), "--out", temp.toString(), "--sandbox", "process");

    assertThat(code).isZero();
    assertThat(cli.stderr())
        .contains("grader: warning: student code could read the hidden fixtures in ")
        .contains(" with --sandbox process (level 3); ")
        .contains(
            strongest() == SandboxLevel.PROCESS
                ? "install bubblewrap for level 1"
                : "--sandbox " + strongest().key() + " works here");
    assertThat(cli.stderr())
        .contains(
            "grader: warning: a child's temporary space is not bounded at level 3: the child"
                + " writes wherever the grader's user may, each file up to 64 MiB");
    assertThat(cli.stdout())
        .contains("Sandbox: process (level 3: ")
        .containsPattern(
            "Bounded per child: memory \\(1,088 MiB, heap 512 MiB\\), CPU time, [^\n]*; not"
                + " bounded here: [^\n]*"
                + "temporary space[^\\n]* \\(provenance.json says how\\)");
    JsonNode sandbox = json(temp.resolve("correct-loops/provenance.json")).get("sandbox");
    JsonNode temporary = sandbox.get("bounds_per_child").get("temporary_space");
    assertThat(temporary.get("held").asBoolean()).isFalse();
    assertThat(sandbox.get("bounds_per_child").get("memory").get("held").asBoolean())
        .as("memory: %s", sandbox.get("bounds_per_child").get("memory"))
        .isTrue();
    assertThat(sandbox.get("level").asText()).isEqualTo("process");
    assertThat(sandbox.get("level_number").asInt()).isEqualTo(3);
    assertThat(sandbox.get("secrets_readable_to_student_code").toString())
        .contains("conv2d/hidden");
  }

  @Test
  void strictRefusesHiddenFixturesAtLevelThreeBeforeGradingAnything() {
    Path results = temp.resolve("results");
    int code =
        cli.run(
            "grade", correct(), "--out", results.toString(), "--sandbox", "process", "--strict");

    assertThat(code).isEqualTo(2);
    assertThat(cli.stderr())
        .startsWith("grader: --strict: student code could read the hidden fixtures in ")
        .contains("with --sandbox process (level 3)");
    assertThat(results.resolve("correct-loops")).doesNotExist();
  }

  @Test
  void strictGradesWhereAutoReachesLevelTwoOrBetter() throws Exception {
    int expected = Sandboxes.choose(SandboxChoice.AUTO).sandbox().level().number() <= 2 ? 0 : 2;

    int code = cli.run("grade", correct(), "--out", temp.toString(), "--strict");

    assertThat(code).as(cli.stderr()).isEqualTo(expected);
  }

  @Test
  void levelTwoTakesOtherUsersAccessFromTheFixturesAndTheOutput() throws Exception {
    TestSandbox.level(SandboxLevel.USER);
    Path open = temp.resolve("open");
    TestFiles.copyTree(
        CommandLineRun.home().resolve("fixtures/conv2d"), open.resolve("fixtures/conv2d"));
    Path results = open.resolve("results");
    Files.createDirectories(results);
    try (Stream<Path> paths = Files.walk(temp)) {
      for (Path path : (Iterable<Path>) paths::iterator) {
        Files.setPosixFilePermissions(
            path,
            PosixFilePermissions.fromString(Files.isDirectory(path) ? "rwxr-xr-x" : "rw-r--r--"));
      }
    }

    int code =
        cli.run(
            "grade",
            correct(),
            "--out",
            results.toString(),
            "--fixtures",
            open.resolve("fixtures").toString(),
            "--sandbox",
            "user");

    assertThat(code).as(cli.stderr()).isZero();
    assertThat(Files.getPosixFilePermissions(open.resolve("fixtures/conv2d/hidden")))
        .doesNotContain(PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_EXECUTE);
    assertThat(Files.getPosixFilePermissions(results))
        .doesNotContain(PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_EXECUTE);
    assertThat(cli.stderr())
        .contains(
            "grader: note: took other users' access from " + open.resolve("fixtures/conv2d/hidden"))
        .doesNotContain("warning");
    JsonNode sandbox = json(results.resolve("correct-loops/provenance.json")).get("sandbox");
    assertThat(sandbox.get("level").asText()).isEqualTo("user");
    assertThat(sandbox.get("secrets_readable_to_student_code")).isEmpty();
    assertThat(json(results.resolve("correct-loops/results.json")).get("score").asDouble())
        .isEqualTo(AssignmentTotals.of(FixtureFiles.load(open.resolve("fixtures"))).points());
  }

  @Test
  void anUnknownSandboxIsAUsageErrorThatListsTheLevels() {
    int code = cli.run("grade", correct(), "--out", temp.toString(), "--sandbox", "docker");

    assertThat(code).isEqualTo(2);
    assertThat(cli.stderr())
        .startsWith(
            "grader: --sandbox: unknown sandbox 'docker': expected one of auto, bwrap, user, process");
  }

  @Test
  void aPolicyThatZeroesExitKeepsTheSubmissionFromRunning() throws Exception {
    Path submission = temp.resolve("exiting/cnn");
    Files.createDirectories(submission);
    String source =
        Files.readString(
                CommandLineRun.home().resolve("fixtures/submissions/correct-loops/cnn/Conv2d.java"))
            .replace("this.x = x;", "this.x = x;\n    if (x.length > 99) System.exit(0);");
    Files.writeString(submission.resolve("Conv2d.java"), source);
    Path policy = temp.resolve("policy.json");
    Files.writeString(policy, "{\"exit\": \"zero\"}");

    int code =
        cli.run(
            "grade",
            submission.getParent().toString(),
            "--out",
            temp.resolve("results").toString(),
            "--policy",
            policy.toString());

    assertThat(code).isZero();
    JsonNode results = json(temp.resolve("results/exiting/results.json"));
    assertThat(results.get("score").asDouble()).isZero();
    assertThat(results.get("tests").get(0).get("output").asText())
        .startsWith("```text\nnot run: the course's policy forbids what your code does:")
        .contains("cnn.Conv2d.forward, line 18: uses java.lang.System.exit, which ends the JVM");
    JsonNode staticCheck =
        json(temp.resolve("results/exiting/provenance.json")).get("static_check");
    assertThat(staticCheck.get("policy").get("exit").asText()).isEqualTo("zero");
    assertThat(staticCheck.get("findings").get(0).get("action").asText()).isEqualTo("zero");
  }

  @Test
  void aPolicyWithAnUnknownKindIsAUsageErrorNamingFileAndField() throws Exception {
    Path policy = temp.resolve("policy.json");
    Files.writeString(policy, "{\"exits\": \"zero\"}");

    int code = cli.run("grade", correct(), "--out", temp.toString(), "--policy", policy.toString());

    assertThat(code).isEqualTo(2);
    assertThat(cli.stderr()).startsWith("grader: " + policy + ": exits: ");
  }
}
