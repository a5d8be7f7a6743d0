package org.cnngrader.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.cnngrader.grading.SubmissionResult;
import org.cnngrader.report.Gradebook;
import org.cnngrader.report.GraderError;
import org.cnngrader.report.IndexPage;
import org.cnngrader.report.ResultsWriter;
import org.cnngrader.report.Scoresheet;
import org.cnngrader.report.SummaryTable;

/**
 * Grades the submissions a plan leaves to grade, several at a time, writes each one's results as
 * soon as it is graded, then prints the table and writes the run's gradebook and index, counting
 * the results kept from an earlier run too.
 */
final class BatchGrading {

  /** Grades one submission; throws on a fault of the grader or the machine. */
  @FunctionalInterface
  interface Grader {
    SubmissionResult grade(Submissions.Submission submission) throws IOException;
  }

  private final Grader grader;
  private final ResultsWriter writer;
  private final Path outFolder;
  private final int jobs;

  BatchGrading(Grader grader, ResultsWriter writer, Path outFolder, int jobs) {
    this.grader = grader;
    this.writer = writer;
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

  /**
   * Returns the exit code: 0 when every submission has results, 1 when the grader failed on one
   * (recorded in grader-errors.json, its earlier results left as they were).
   */
  int run(ResumePlan plan, PrintWriter out, PrintWriter err) throws IOException {
    // What a killed run was writing is stale: its submissions have no key yet and are graded.
    ResultsWriter.clearStaging(outFolder);
    List<ResumePlan.Planned> toGrade = plan.toGrade();
    if (!plan.kept().isEmpty()) {
      out.printf(
          "Resuming: %d of %d submissions already graded in %s by this grader build, on these"
              + " fixtures, with these options: kept (--force grades them again)%n",
          plan.kept().size(), plan.submissions().size(), outFolder);
    }
    long start = System.nanoTime();
    Map<String, Outcome> outcomes = gradeAll(toGrade, out, err);
    List<Scoresheet> sheets = new ArrayList<>();
    List<GraderError> errors = new ArrayList<>();
    for (ResumePlan.Planned planned : plan.submissions()) {
      String id = planned.submission().id();
      Scoresheet kept = plan.kept().get(id);
      Outcome outcome = outcomes.get(id);
      if (kept != null) {
        // This run's intake names the students; an earlier run may have known fewer of them.
        sheets.add(kept.withStudents(planned.submission().students()));
      } else if (outcome.sheet() != null) {
        sheets.add(outcome.sheet());
      } else {
        errors.add(outcome.error());
      }
    }
    out.print(SummaryTable.render(sheets, errors, ConsoleColours.detect()));
    int exitCode = errors.isEmpty() ? ExitCode.OK : ExitCode.GRADER_FAULT;
    try {
      ResultsWriter.writeRun(sheets, errors, outFolder);
    } catch (IOException e) {
      err.println("grader: could not write the gradebook and index in " + outFolder + ": " + e);
      exitCode = ExitCode.GRADER_FAULT;
    }
    // Nothing is left half-written once every submission is done.
    ResultsWriter.clearStaging(outFolder);
    Path absolute = outFolder.toAbsolutePath().normalize();
    double seconds = (System.nanoTime() - start) / 1e9;
    int graded = toGrade.size() - errors.size();
    if (toGrade.isEmpty()) {
      out.print("Nothing to grade: every submission's results were kept.");
    } else {
      out.printf(
          Locale.ROOT,
          "Graded %d of %d submissions in %.1f s (%.2f per second, %d at a time)%s.",
          graded,
          toGrade.size(),
          seconds,
          graded / Math.max(seconds, 1e-9),
          jobs,
          plan.kept().isEmpty() ? "" : "; " + plan.kept().size() + " kept from the earlier run");
    }
    out.printf(
        " Results: %s%nReports: %s, %s%n",
        absolute.resolve("<submission>").resolve(ResultsWriter.RESULTS),
        absolute.resolve(IndexPage.FILE),
        absolute.resolve(Gradebook.FILE));
    if (!errors.isEmpty()) {
      out.printf(
          "Not graded, through a fault of the grader or the machine: %d (listed in %s; run the"
              + " same command again to grade them)%n",
          errors.size(), absolute.resolve(ResultsWriter.GRADER_ERRORS));
    }
    out.flush();
    return exitCode;
  }

  /** A submission's outcome: its scoresheet, or the grader's error. */
  private record Outcome(Scoresheet sheet, GraderError error) {}

  /**
   * Grades every submission, {@code jobs} at a time, and writes each one's files as soon as it is
   * graded.
   */
  private Map<String, Outcome> gradeAll(
      List<ResumePlan.Planned> toGrade, PrintWriter out, PrintWriter err) {
    ExecutorService pool = Executors.newFixedThreadPool(jobs);
    BatchProgress progress = BatchProgress.start(toGrade.size(), out);
    try {
      Map<String, Future<Outcome>> pending = new HashMap<>();
      for (ResumePlan.Planned planned : toGrade) {
        pending.put(planned.submission().id(), pool.submit(() -> gradeOne(planned, progress, err)));
      }
      Map<String, Outcome> outcomes = new HashMap<>();
      for (Map.Entry<String, Future<Outcome>> entry : pending.entrySet()) {
        outcomes.put(entry.getKey(), entry.getValue().get());
      }
      return outcomes;
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

  private Outcome gradeOne(ResumePlan.Planned planned, BatchProgress progress, PrintWriter err) {
    Submissions.Submission submission = planned.submission();
    try {
      SubmissionResult result = grader.grade(submission);
      writer.write(
          result, submission.students(), outFolder.resolve(submission.id()), planned.key());
      progress.graded(result);
      return new Outcome(Scoresheet.of(result).withStudents(submission.students()), null);
    } catch (IOException | RuntimeException e) {
      String message = e.toString();
      synchronized (err) {
        err.println(
            SummaryTable.printable(
                "grader: "
                    + submission.folder()
                    + ": not graded, a fault of the grader or machine: "
                    + message));
      }
      progress.failed(submission.id());
      return new Outcome(null, new GraderError(submission.id(), message));
    }
  }
}
