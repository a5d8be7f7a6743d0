package org.cnngrader.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.cnngrader.fixture.FixtureFiles;
import org.cnngrader.fixture.FixtureSet;
import org.cnngrader.grading.GradingOptions;
import org.cnngrader.grading.SubmissionGrader;
import org.cnngrader.report.GraderError;
import org.cnngrader.report.ResultsWriter;
import org.cnngrader.sandbox.Isolation;
import org.cnngrader.sandbox.SandboxLevel;
import org.cnngrader.sandbox.Sandboxes;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fault of the grader or the machine is recorded as such: never a zero, never over an earlier
 * result, and graded again by the next run.
 */
class GraderFaultTest {

  private static FixtureSet fixtures;

  @TempDir Path temp;

  private Path out;
  private List<Submissions.Submission> submissions;
  private final StringWriter stdout = new StringWriter();
  private final StringWriter stderr = new StringWriter();

  @BeforeAll
  static void loadFixtures() {
    fixtures = FixtureFiles.load(CommandLineRun.home().resolve("fixtures"));
  }

  @BeforeEach
  void threeSubmissions() throws IOException {
    out = Files.createDirectories(temp.resolve("out"));
    Path examples = CommandLineRun.home().resolve("fixtures/submissions");
    for (String id : List.of("alice", "bob", "carol")) {
      TestFiles.copyTree(examples.resolve("mistake-stride-ignored"), temp.resolve(id));
    }
    submissions =
        Submissions.identify(
            List.of(temp.resolve("alice"), temp.resolve("bob"), temp.resolve("carol")), w -> {});
  }

  /**
   * Runs a batch in which the submissions named in {@code failing} meet a full disk; the others are
   * scored by the cheapest real grading there is, a rejection.
   */
  private int run(Set<String> failing) throws IOException {
    SubmissionGrader real =
        new SubmissionGrader(fixtures, GradingOptions.DEFAULT, Sandboxes.processOnly());
    BatchGrading.Grader grader =
        submission -> {
          if (failing.contains(submission.id())) {
            throw new IOException("No space left on device");
          }
          return real.rejected(submission.id(), "graded in a hurry");
        };
    RunKeys keys = new RunKeys(fixtures, GradingOptions.DEFAULT, SandboxLevel.PROCESS);
    ResultsWriter writer =
        new ResultsWriter(fixtures, GradingOptions.DEFAULT, Isolation.of(SandboxLevel.PROCESS));
    return new BatchGrading(grader, writer, out, 2)
        .run(
            ResumePlan.of(submissions, keys, out, false),
            new PrintWriter(stdout, true),
            new PrintWriter(stderr, true));
  }

  @Test
  void aFaultIsAGraderErrorNotAZeroAndTheNextRunGradesIt() throws Exception {
    int code = run(Set.of("bob"));

    assertThat(code).isEqualTo(ExitCode.GRADER_FAULT);
    assertThat(out.resolve("bob")).doesNotExist();
    assertThat(ResultsWriter.readErrors(out))
        .containsExactly(new GraderError("bob", "java.io.IOException: No space left on device"));
    assertThat(Files.readAllLines(out.resolve("gradebook.csv")))
        .anyMatch(
            row -> row.matches("bob,,,\"grader error: java.io.IOException: No space [^\"]*\",*"))
        .anyMatch(row -> row.startsWith("alice,,,graded,0,318,"));
    assertThat(stdout.toString())
        .containsPattern(
            "(?m)^bob +- +- +- +- +- +- +not graded, a fault of the grader: java.io.IOException: No space")
        .contains("Graded 2 of 3 submissions")
        .contains(
            "Not graded, through a fault of the grader or the machine: 1 (listed in "
                + out.toAbsolutePath().resolve("grader-errors.json"));
    assertThat(stderr.toString())
        .contains(
            "grader: "
                + temp.resolve("bob")
                + ": not graded, a fault of the grader or machine: java.io.IOException: No space");

    int next = run(Set.of());

    assertThat(next).isEqualTo(ExitCode.OK);
    assertThat(stdout.toString())
        .contains("Resuming: 2 of 3 submissions")
        .contains("Graded 1 of 1");
    assertThat(out.resolve("bob/results.json")).isRegularFile();
    assertThat(out.resolve("grader-errors.json")).doesNotExist();
  }

  @Test
  void aFaultLeavesTheEarlierResultsOfTheSubmissionAsTheyWere() throws Exception {
    run(Set.of());
    byte[] results = Files.readAllBytes(out.resolve("bob/results.json"));
    byte[] provenance = Files.readAllBytes(out.resolve("bob/provenance.json"));
    Path code = temp.resolve("bob/cnn/Conv2d.java");
    Files.writeString(code, Files.readString(code) + "\n// resubmitted\n");

    int again = run(Set.of("bob"));

    assertThat(again).isEqualTo(ExitCode.GRADER_FAULT);
    assertThat(out.resolve("bob/results.json")).hasBinaryContent(results);
    assertThat(out.resolve("bob/provenance.json")).hasBinaryContent(provenance);
    assertThat(ResultsWriter.readErrors(out)).extracting(GraderError::id).containsExactly("bob");
  }
}
