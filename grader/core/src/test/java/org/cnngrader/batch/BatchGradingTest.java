package org.cnngrader.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import org.cnngrader.TestRepository;
import org.cnngrader.files.FileTrees;
import org.cnngrader.grading.GradingOptions;
import org.cnngrader.grading.SubmissionGrader;
import org.cnngrader.grading.SubmissionResult;
import org.cnngrader.intake.Submissions;
import org.cnngrader.intake.Submissions.Submission;
import org.cnngrader.report.GraderError;
import org.cnngrader.report.GradingKey;
import org.cnngrader.report.ResultsWriter;
import org.cnngrader.report.Scoresheet;
import org.cnngrader.sandbox.Isolation;
import org.cnngrader.sandbox.SandboxLevel;
import org.cnngrader.sandbox.Sandboxes;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fault of the grader or the machine is recorded as such: never a zero, never over an earlier
 * result, and graded again by the next run.
 */
class BatchGradingTest {

  @TempDir Path temp;

  private Path out;
  private List<Submission> submissions;
  private final Heard heard = new Heard();

  /** What a batch told its listener. */
  private static final class Heard implements BatchListener {
    final List<String> events = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void planned(ResumePlan plan) {
      events.add("planned " + plan.toGrade().size() + " kept " + plan.kept().size());
    }

    @Override
    public void graded(Submission submission, SubmissionResult result) {
      events.add("graded " + submission.id());
    }

    @Override
    public void failed(Submission submission, String fault) {
      events.add("failed " + submission.id() + ": " + fault);
    }
  }

  @BeforeEach
  void threeSubmissions() throws IOException {
    out = Files.createDirectories(temp.resolve("out"));
    for (String id : List.of("alice", "bob", "carol")) {
      FileTrees.copy(TestRepository.example("mistake-stride-ignored"), temp.resolve(id));
    }
    submissions =
        Submissions.identify(
            List.of(temp.resolve("alice"), temp.resolve("bob"), temp.resolve("carol")), w -> {});
  }

  /**
   * Runs a batch in which the submissions named in {@code failing} meet a full disk; the others are
   * scored by the cheapest real grading there is, a rejection.
   */
  private BatchReport run(Set<String> failing) throws IOException {
    heard.events.clear();
    SubmissionGrader real =
        new SubmissionGrader(
            TestRepository.fixtures(), GradingOptions.DEFAULT, Sandboxes.processOnly());
    BatchGrading.Grader grader =
        submission -> {
          if (failing.contains(submission.id())) {
            throw new IOException("No space left on device");
          }
          return real.rejected(submission.id(), "graded in a hurry");
        };
    RunKeys keys =
        new RunKeys(
            GradingKey.sha256("build 1"),
            TestRepository.fixtures(),
            GradingOptions.DEFAULT,
            SandboxLevel.PROCESS);
    ResultsWriter writer =
        new ResultsWriter(
            TestRepository.fixtures(), GradingOptions.DEFAULT, Isolation.of(SandboxLevel.PROCESS));
    return new BatchGrading(grader, writer, out, 2)
        .run(ResumePlan.of(submissions, keys, out, false), heard);
  }

  @Test
  void aFaultIsAGraderErrorNotAZeroAndTheNextRunGradesIt() throws Exception {
    BatchReport report = run(Set.of("bob"));

    assertThat(report.complete()).isFalse();
    assertThat(report.graded()).isEqualTo(2);
    assertThat(report.errors())
        .containsExactly(new GraderError("bob", "java.io.IOException: No space left on device"));
    assertThat(report.sheets()).extracting(Scoresheet::id).containsExactly("alice", "carol");
    assertThat(heard.events)
        .contains(
            "planned 3 kept 0",
            "graded alice",
            "graded carol",
            "failed bob: java.io.IOException: No space left on device");
    assertThat(out.resolve("bob")).doesNotExist();
    assertThat(ResultsWriter.readErrors(out)).isEqualTo(report.errors());
    assertThat(Files.readAllLines(out.resolve("gradebook.csv")))
        .anyMatch(
            row -> row.matches("bob,,,,,\"grader error: java.io.IOException: No space [^\"]*\",*"))
        .anyMatch(row -> row.matches("alice,,,,,\"no code: graded in a hurry\",*"));

    BatchReport next = run(Set.of());

    assertThat(next.complete()).isTrue();
    assertThat(next.kept()).isEqualTo(2);
    assertThat(next.toGrade()).isEqualTo(1);
    assertThat(heard.events).containsExactly("planned 1 kept 2", "graded bob");
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

    BatchReport again = run(Set.of("bob"));

    assertThat(again.complete()).isFalse();
    assertThat(out.resolve("bob/results.json")).hasBinaryContent(results);
    assertThat(out.resolve("bob/provenance.json")).hasBinaryContent(provenance);
    assertThat(ResultsWriter.readErrors(out)).extracting(GraderError::id).containsExactly("bob");
  }
}
