package org.cnngrader.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.cnngrader.batch.BatchReport;
import org.cnngrader.batch.ResumePlan;
import org.cnngrader.intake.Submissions.Submission;
import org.cnngrader.report.GraderError;
import org.junit.jupiter.api.Test;

/** How a batch reads on the console: its faults on stderr, its summary on stdout. */
class GradingRunTest {

  private final StringWriter stdout = new StringWriter();
  private final StringWriter stderr = new StringWriter();
  private final PrintWriter out = new PrintWriter(stdout, true);
  private final PrintWriter err = new PrintWriter(stderr, true);
  private final Path outFolder = Path.of("results").toAbsolutePath();

  @Test
  void aFaultIsNamedOnStderrWithTheSubmissionsFolder() {
    Submission bob = new Submission("bob", Path.of("hand-ins", "bob"));

    try (GradingRun.Console console = new GradingRun.Console(outFolder, out, err)) {
      console.planned(new ResumePlan(List.of(), Map.of()));
      console.failed(bob, "java.io.IOException: No space left on device");
    }

    assertThat(stderr.toString())
        .isEqualTo(
            "grader: "
                + Path.of("hand-ins", "bob")
                + ": not graded, a fault of the grader or machine: java.io.IOException: No space"
                + " left on device"
                + System.lineSeparator());
  }

  @Test
  void theSummaryCountsWhatWasGradedAndListsTheFaults() {
    BatchReport report =
        new BatchReport(
            List.of(),
            List.of(new GraderError("bob", "java.io.IOException: No space left on device")),
            3,
            2,
            Duration.ofSeconds(4),
            Optional.empty());

    GradingRun.printSummary(report, outFolder, 2, out, err);

    assertThat(stdout.toString())
        .containsPattern(
            "(?m)^bob( +-)+ +not graded, a fault of the grader: java.io.IOException: No space")
        .contains("Graded 2 of 3 submissions in 4.0 s (0.50 per second, 2 at a time); 2 kept")
        .contains(
            "Not graded, through a fault of the grader or the machine: 1 (listed in "
                + outFolder.resolve("grader-errors.json"));
    assertThat(stderr.toString()).isEmpty();
  }

  @Test
  void runFilesThatCouldNotBeWrittenAreAFault() {
    BatchReport report =
        new BatchReport(
            List.of(), List.of(), 0, 3, Duration.ZERO, Optional.of("java.io.IOException: full"));

    GradingRun.printSummary(report, outFolder, 1, out, err);

    assertThat(report.complete()).isFalse();
    assertThat(stdout.toString())
        .contains("Nothing to grade: every submission's results were kept.");
    assertThat(stderr.toString())
        .isEqualTo(
            "grader: could not write the gradebook and index in "
                + outFolder
                + ": java.io.IOException: full"
                + System.lineSeparator());
  }
}
