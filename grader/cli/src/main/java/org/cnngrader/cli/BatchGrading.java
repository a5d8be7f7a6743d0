package org.cnngrader.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.cnngrader.fixture.FixtureSet;
import org.cnngrader.grading.GradingOptions;
import org.cnngrader.grading.SubmissionGrader;
import org.cnngrader.grading.SubmissionResult;
import org.cnngrader.report.Gradebook;
import org.cnngrader.report.IndexPage;
import org.cnngrader.report.ResultsWriter;
import org.cnngrader.report.Scoresheet;
import org.cnngrader.report.Student;
import org.cnngrader.report.SummaryTable;

/**
 * Grades submissions, several at a time, writes each one's results as soon as it is graded, then
 * prints the table and writes the run's gradebook and index.
 */
final class BatchGrading {

  private final FixtureSet fixtures;
  private final GradingOptions options;
  private final IsolationSetup.Result isolation;
  private final Path outFolder;
  private final int jobs;

  BatchGrading(
      FixtureSet fixtures,
      GradingOptions options,
      IsolationSetup.Result isolation,
      Path outFolder,
      int jobs) {
    this.fixtures = fixtures;
    this.options = options;
    this.isolation = isolation;
    this.outFolder = outFolder;
    this.jobs = jobs;
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
    List<Optional<SubmissionResult>> graded = gradeAll(submissions, grader, writer, out, err);
    List<SubmissionResult> results = graded.stream().flatMap(Optional::stream).toList();
    int exitCode = results.size() == submissions.size() ? ExitCode.OK : ExitCode.GRADER_FAULT;
    out.print(SummaryTable.render(results, ConsoleColours.detect()));
    List<Scoresheet> sheets = new ArrayList<>();
    for (int i = 0; i < submissions.size(); i++) {
      List<Student> students = submissions.get(i).students();
      graded.get(i).ifPresent(result -> sheets.add(Scoresheet.of(result).withStudents(students)));
    }
    try {
      ResultsWriter.writeSheets(sheets, outFolder);
    } catch (IOException e) {
      err.println("grader: could not write the gradebook and index in " + outFolder + ": " + e);
      exitCode = ExitCode.GRADER_FAULT;
    }
    Path absolute = outFolder.toAbsolutePath().normalize();
    double seconds = (System.nanoTime() - start) / 1e9;
    out.printf(
        Locale.ROOT,
        "Graded %d of %d submissions in %.1f s (%.2f per second, %d at a time). Results: %s%n"
            + "Reports: %s, %s%n",
        results.size(),
        submissions.size(),
        seconds,
        results.size() / Math.max(seconds, 1e-9),
        jobs,
        absolute.resolve("<submission>").resolve(ResultsWriter.RESULTS),
        absolute.resolve(IndexPage.FILE),
        absolute.resolve(Gradebook.FILE));
    out.flush();
    return exitCode;
  }

  /**
   * Grades every submission, {@code jobs} at a time, and writes each one's files as soon as it is
   * graded; the results come back in the submissions' order, empty where the grader failed.
   */
  private List<Optional<SubmissionResult>> gradeAll(
      List<Submissions.Submission> submissions,
      SubmissionGrader grader,
      ResultsWriter writer,
      PrintWriter out,
      PrintWriter err) {
    ExecutorService pool = Executors.newFixedThreadPool(jobs);
    BatchProgress progress = BatchProgress.start(submissions.size(), out);
    try {
      List<Future<Optional<SubmissionResult>>> pending = new ArrayList<>();
      for (Submissions.Submission submission : submissions) {
        pending.add(pool.submit(() -> gradeOne(submission, grader, writer, progress, err)));
      }
      List<Optional<SubmissionResult>> results = new ArrayList<>();
      for (Future<Optional<SubmissionResult>> future : pending) {
        results.add(future.get());
      }
      return results;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("grading was interrupted", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("grading failed unexpectedly", e.getCause());
    } finally {
      pool.shutdownNow();
      progress.close();
    }
  }

  private Optional<SubmissionResult> gradeOne(
      Submissions.Submission submission,
      SubmissionGrader grader,
      ResultsWriter writer,
      BatchProgress progress,
      PrintWriter err) {
    try {
      SubmissionResult result =
          submission.rejected() != null
              ? grader.rejected(submission.id(), submission.rejected())
              : grader.grade(submission.id(), submission.folder());
      writer.write(result, submission.students(), outFolder.resolve(submission.id()));
      progress.graded(result);
      return Optional.of(result);
    } catch (IOException | RuntimeException e) {
      synchronized (err) {
        err.println(
            SummaryTable.printable(
                "grader: "
                    + submission.source().where()
                    + ": not graded, a fault of the grader or machine: "
                    + e));
      }
      progress.failed(submission.id());
      return Optional.empty();
    }
  }
}
