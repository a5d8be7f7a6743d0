package org.cnngrader.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The template repository's workflow, run here as far as it can be: its "Points per layer" step
 * with bash, as GitHub's runner does (outputs to {@code GITHUB_OUTPUT}), then GitHub Classroom's
 * grading reporter with the environment the workflow gives it, when a copy of the reporter is at
 * hand.
 */
final class ClassroomWorkflowRun {

  /** A checkout of classroom-resources/autograding-grading-reporter at its tag v1. */
  static final String REPORTER_VARIABLE = "GRADER_CLASSROOM_REPORTER";

  /** Set to {@code yes} where a missing reporter or node must fail the tests, not skip them. */
  static final String EXPECT_VARIABLE = "GRADER_EXPECT_CLASSROOM_REPORTER";

  private static final Pattern STEP_OUTPUT =
      Pattern.compile("\\$\\{\\{ steps\\.([A-Za-z0-9_-]+)\\.outputs\\.([A-Za-z0-9_-]+) }}");

  private ClassroomWorkflowRun() {}

  /** The workflow as GitHub reads it: YAML. */
  static JsonNode workflow(Path repository) throws IOException {
    return new ObjectMapper(new YAMLFactory())
        .readTree(repository.resolve(".github/workflows/classroom.yml").toFile());
  }

  /** The job's steps, in order. */
  static List<JsonNode> steps(JsonNode workflow) {
    List<JsonNode> steps = new ArrayList<>();
    workflow.get("jobs").elements().next().get("steps").forEach(steps::add);
    return steps;
  }

  static JsonNode step(JsonNode workflow, String id) {
    return steps(workflow).stream()
        .filter(s -> s.has("id") && s.get("id").asText().equals(id))
        .findFirst()
        .orElseThrow(() -> new AssertionError("the workflow has no step " + id));
  }

  static JsonNode reporterStep(JsonNode workflow) {
    return steps(workflow).stream()
        .filter(s -> s.path("uses").asText().startsWith("classroom-resources/"))
        .findFirst()
        .orElseThrow(() -> new AssertionError("the workflow has no reporter step"));
  }

  /** Runs the step {@code id}'s script with bash in {@code repository}; its outputs. */
  static Map<String, String> runStep(Path repository, JsonNode workflow, String id)
      throws IOException, InterruptedException {
    Path output = Files.createTempFile(repository.getParent(), "github-output", "");
    ProcessBuilder bash =
        new ProcessBuilder("bash", "-e", "-c", step(workflow, id).get("run").asText())
            .directory(repository.toFile())
            .redirectErrorStream(true);
    bash.environment().put("GITHUB_OUTPUT", output.toString());
    Process process = bash.start();
    String printed = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(1, TimeUnit.MINUTES)).isTrue();
    assertThat(process.exitValue()).as(printed).isZero();
    Map<String, String> outputs = new LinkedHashMap<>();
    for (String line : Files.readAllLines(output)) {
      int equals = line.indexOf('=');
      outputs.put(line.substring(0, equals), line.substring(equals + 1));
    }
    return outputs;
  }

  /** The reporter step's environment, its {@code steps.<id>.outputs.<name>} filled in. */
  static Map<String, String> reporterEnvironment(
      JsonNode workflow, Map<String, Map<String, String>> outputsByStep) {
    Map<String, String> environment = new LinkedHashMap<>();
    reporterStep(workflow)
        .get("env")
        .properties()
        .forEach(
            variable -> {
              Matcher matcher = STEP_OUTPUT.matcher(variable.getValue().asText().strip());
              assertThat(matcher.matches()).as(variable.getValue().asText()).isTrue();
              String value = outputsByStep.get(matcher.group(1)).get(matcher.group(2));
              assertThat(value).as(variable.getKey()).isNotNull();
              environment.put(variable.getKey(), value);
            });
    return environment;
  }

  /** What the reporter printed, and how it ended. */
  record Reported(int exitCode, String output) {

    /** The notice the reporter writes for Classroom: {@code Points 231/255}. */
    String points() {
      Matcher matcher =
          Pattern.compile("::notice title=Autograding complete::(Points [^\\n]*)").matcher(output);
      assertThat(matcher.find()).as(output).isTrue();
      return matcher.group(1);
    }
  }

  /**
   * Runs the reporter's own code (its {@code dist/main.js}, as the action does) with the workflow's
   * environment and {@code runners} input; skipped where there is no copy or no node.
   */
  static Reported report(JsonNode workflow, Map<String, String> environment)
      throws IOException, InterruptedException {
    Path reporter = reporter();
    ProcessBuilder node =
        new ProcessBuilder("node", reporter.resolve("dist/main.js").toString())
            .redirectErrorStream(true);
    node.environment().putAll(environment);
    node.environment()
        .put("INPUT_RUNNERS", reporterStep(workflow).get("with").get("runners").asText());
    Process process = node.start();
    String printed = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(1, TimeUnit.MINUTES)).isTrue();
    return new Reported(process.exitValue(), printed);
  }

  private static Path reporter() throws InterruptedException {
    String where = System.getenv(REPORTER_VARIABLE);
    boolean present =
        where != null && Files.isRegularFile(Path.of(where).resolve("dist/main.js")) && nodeRuns();
    if (!"yes".equals(System.getenv(EXPECT_VARIABLE))) {
      assumeTrue(
          present,
          "no copy of GitHub Classroom's grading reporter (set "
              + REPORTER_VARIABLE
              + " to a checkout of its tag v1) or no node on the PATH");
    }
    assertThat(present)
        .as(EXPECT_VARIABLE + "=yes demands node and the reporter in " + REPORTER_VARIABLE)
        .isTrue();
    return Path.of(where);
  }

  private static boolean nodeRuns() throws InterruptedException {
    try {
      Process node = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
      node.getInputStream().readAllBytes();
      return node.waitFor(30, TimeUnit.SECONDS) && node.exitValue() == 0;
    } catch (IOException e) {
      return false;
    }
  }
}
