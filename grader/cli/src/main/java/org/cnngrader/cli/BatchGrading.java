package org.cnngrader.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.cnngrader.fixture.FixtureSet;
import org.cnngrader.grading.GradingOptions;
import org.cnngrader.grading.SubmissionGrader;
import org.cnngrader.grading.SubmissionResult;
import org.cnngrader.report.Gradebook;
import org.cnngrader.report.IndexPage;
import org.cnngrader.report.ResultsWriter;
import org.cnngrader.report.SummaryTable;

/** Grades submissions one after another, writes each one's results, then prints the table. */
final class BatchGrading {

  private final FixtureSet fixtures;
  private final GradingOptions options;
  private final IsolationSetup.Result isolation;
  private final Path outFolder;

  BatchGrading(
      FixtureSet fixtures,
      GradingOptions options,
      IsolationSetup.Result isolation,
      Path outFolder) {
    this.fixtures = fixtures;
    this.options = options;
    this.isolation = isolation;
    this.outFolder = outFolder;
  }

  /** Creates the output folder before anything is graded, so that a bad --out fails first. */
  static void createOutFolder(Path outFolder) {
    try {
      Files.createDirectories(outFolder);
    } catch (IOException e) {
      throw new UsageException("cannot create the --out folder " + outFolder + ": " + e);
    }
  }

  /** Returns the exit code: 0 when every submission was graded, 1 when the grader failed on one. */
  int run(List<Submissions.Submission> submissions, PrintWriter out, PrintWriter err) {
    SubmissionGrader grader = new SubmissionGrader(fixtures, options, isolation.sandbox());
    ResultsWriter writer = new ResultsWriter(fixtures, options, isolation.isolation());
    out.println(
        "Sandbox: "
            + isolation.isolation().level().key()
            + " (level "
            + isolation.isolation().level().number()
            + ": "
            + isolation.isolation().level().description()
            + ")");
    if (options.limits().callTimeout().compareTo(options.limits().submissionTimeout()) > 0) {
      err.println(
          "grader: note: --call-timeout is longer than --submission-timeout, which therefore"
              + " bounds every call");
    }
    long start = System.nanoTime();
    List<SubmissionResult> results = new ArrayList<>();
    int exitCode = ExitCode.OK;
    for (Submissions.Submission submission : submissions) {
      try {
        SubmissionResult result =
            submission.rejected() != null
                ? grader.rejected(submission.id(), submission.rejected())
                : grader.grade(submission.id(), submission.folder());
        writer.write(result, outFolder.resolve(submission.id()));
        results.add(result);
      } catch (IOException | RuntimeException e) {
        err.println(
            SummaryTable.printable(
                "grader: "
                    + submission.folder()
                    + ": not graded, a fault of the grader or machine: "
                    + e));
        exitCode = ExitCode.GRADER_FAULT;
      }
    }
    out.print(SummaryTable.render(results, ConsoleColours.detect()));
    try {
      ResultsWriter.writeRun(results, outFolder);
    } catch (IOException e) {
      err.println("grader: could not write the gradebook and index in " + outFolder + ": " + e);
      exitCode = ExitCode.GRADER_FAULT;
    }
    Path absolute = outFolder.toAbsolutePath().normalize();
    out.printf(
        "Graded %d of %d submissions in %.1f s. Results: %s%nReports: %s, %s%n",
        results.size(),
        submissions.size(),
        (System.nanoTime() - start) / 1e9,
        absolute.resolve("<submission>").resolve(ResultsWriter.RESULTS),
        absolute.resolve(IndexPage.FILE),
        absolute.resolve(Gradebook.FILE));
    out.flush();
    return exitCode;
  }
}
