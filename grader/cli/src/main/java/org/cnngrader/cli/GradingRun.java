package org.cnngrader.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.cnngrader.batch.BatchListener;
import org.cnngrader.batch.BatchReport;
import org.cnngrader.batch.BatchRun;
import org.cnngrader.batch.ResumePlan;
import org.cnngrader.grading.GradingOptions;
import org.cnngrader.grading.SubmissionResult;
import org.cnngrader.intake.Intake;
import org.cnngrader.intake.Submissions.Submission;
import org.cnngrader.report.Gradebook;
import org.cnngrader.report.IndexPage;
import org.cnngrader.report.ResultsWriter;
import org.cnngrader.report.SummaryTable;
import org.cnngrader.resources.ResourceBound;
import org.cnngrader.sandbox.Isolation;
import org.cnngrader.sandbox.SandboxLevel;

/**
 * One run of grade or demo on the console: says how it grades, shows progress, prints the table and
 * where the results are, and gives the exit code.
 */
final class GradingRun {

  private GradingRun() {}

  /**
   * Returns {@link ExitCode#OK} when every submission has results, {@link ExitCode#GRADER_FAULT}
   * when the grader failed on one (recorded in grader-errors.json) or could not write the run's
   * files.
   */
  static int grade(
      List<Submission> submissions,
      Intake intake,
      BatchRun.Setup setup,
      MemorySizing.Sized sized,
      PrintWriter out,
      PrintWriter err)
      throws IOException {
    SandboxLevel level = setup.isolation().level();
    out.println(
        "Sandbox: " + level.key() + " (level " + level.number() + ": " + level.description() + ")");
    out.println(boundsLine(setup.isolation(), sized.memory()));
    if (sized.worthSaying()) {
      out.println("Memory: " + sized.shares());
    }
    GradingOptions options = setup.options();
    if (options.randomCases().any()) {
      out.printf(
          "Random cases: %d hidden cases per layer drawn from seed %d (--seed %d draws them again; a run"
              + " without it draws others and grades every submission again)%n",
          options.randomCases().count(),
          options.randomCases().seed(),
          options.randomCases().seed());
    }
    if (options.limits().callTimeout().compareTo(options.limits().submissionTimeout()) > 0) {
      err.println(
          "grader: note: --call-timeout is longer than --submission-timeout, which therefore"
              + " bounds every call");
    }
    BatchReport report;
    try (Console console = new Console(setup.outFolder(), out, err)) {
      report = BatchRun.grade(submissions, intake, setup, console);
    }
    printSummary(report, setup.outFolder(), setup.jobs(), out, err);
    return report.complete() ? ExitCode.OK : ExitCode.GRADER_FAULT;
  }

  /** The table, then what was graded, where the results are, and what the grader failed on. */
  static void printSummary(
      BatchReport report, Path outFolder, int jobs, PrintWriter out, PrintWriter err) {
    out.print(SummaryTable.render(report.sheets(), report.errors(), ConsoleColours.detect()));
    Path absolute = outFolder.toAbsolutePath().normalize();
    report
        .unwritten()
        .ifPresent(
            fault ->
                err.println(
                    "grader: could not write the gradebook and index in "
                        + outFolder
                        + ": "
                        + fault));
    if (report.toGrade() == 0) {
      out.print("Nothing to grade: every submission's results were kept.");
    } else {
      double seconds = report.elapsed().toNanos() / 1e9;
      out.printf(
          Locale.ROOT,
          "Graded %d of %d submissions in %.1f s (%.2f per second, %d at a time)%s.",
          report.graded(),
          report.toGrade(),
          seconds,
          report.graded() / Math.max(seconds, 1e-9),
          jobs,
          report.kept() == 0 ? "" : "; " + report.kept() + " kept from the earlier run");
    }
    out.printf(
        " Results: %s%nReports: %s, %s%n",
        absolute.resolve("<submission>").resolve(ResultsWriter.RESULTS),
        absolute.resolve(IndexPage.FILE),
        absolute.resolve(Gradebook.FILE));
    if (!report.errors().isEmpty()) {
      out.printf(
          "Not graded, through a fault of the grader or the machine: %d (listed in %s; run the"
              + " same command again to grade them)%n",
          report.errors().size(), absolute.resolve(ResultsWriter.GRADER_ERRORS));
    }
    out.flush();
  }

  /** A batch as the console shows it: the resumed count, then progress, then faults on stderr. */
  static final class Console implements BatchListener, AutoCloseable {
    private final Path outFolder;
    private final PrintWriter out;
    private final PrintWriter err;
    private BatchProgress progress;

    Console(Path outFolder, PrintWriter out, PrintWriter err) {
      this.outFolder = outFolder;
      this.out = out;
      this.err = err;
    }

    @Override
    public void planned(ResumePlan plan) {
      if (!plan.kept().isEmpty()) {
        out.printf(
            "Resuming: %d of %d submissions already graded in %s by this grader build, on these"
                + " fixtures, with these options: kept (--force grades them again)%n",
            plan.kept().size(), plan.submissions().size(), outFolder);
      }
      progress = BatchProgress.start(plan.toGrade().size(), out);
    }

    @Override
    public void graded(Submission submission, SubmissionResult result) {
      progress.graded(result);
    }

    @Override
    public void failed(Submission submission, String fault) {
      synchronized (err) {
        err.println(
            SummaryTable.printable(
                "grader: "
                    + submission.folder()
                    + ": not graded, a fault of the grader or machine: "
                    + fault));
      }
      progress.failed(submission.id());
    }

    @Override
    public void close() {
      if (progress != null) {
        progress.close();
      }
    }
  }

  /**
   * Which of a child's resources are bounded, in one line, its memory with {@code memory}'s size;
   * provenance.json says how.
   */
  static String boundsLine(Isolation isolation, String memory) {
    String held =
        isolation.bounds().stream()
            .filter(ResourceBound::held)
            .map(
                b ->
                    b.resource() == ResourceBound.Resource.MEMORY
                        ? b.resource().words() + " (" + memory + ")"
                        : b.resource().words())
            .collect(Collectors.joining(", "));
    String unbounded =
        isolation.unbounded().stream()
            .map(b -> b.resource().words())
            .collect(Collectors.joining(", "));
    return "Bounded per child: "
        + (held.isEmpty() ? "nothing" : held)
        + (unbounded.isEmpty() ? "" : "; not bounded here: " + unbounded)
        + " (provenance.json says how)";
  }
}
