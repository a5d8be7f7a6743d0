package org.cnngrader.batch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.cnngrader.grading.SubmissionResult;
import org.cnngrader.intake.RefusedInputException;
import org.cnngrader.intake.Submissions.Submission;
import org.cnngrader.report.GraderError;
import org.cnngrader.report.ResultsWriter;
import org.cnngrader.report.Scoresheet;

/**
 * Grades the submissions a plan leaves to grade, several at a time, writes each one's results as
 * soon as it is graded, then writes the run's gradebook and index, counting the results kept from
 * an earlier run too. A fault of the grader or the machine on one submission costs only that one.
 */
public final class BatchGrading {

  /** Grades one submission; throws on a fault of the grader or the machine. */
  @FunctionalInterface
  public interface Grader {
    SubmissionResult grade(Submission submission) throws IOException;
  }

  private final Grader grader;
  private final ResultsWriter writer;
  private final Path outFolder;
  private final int jobs;

  public BatchGrading(Grader grader, ResultsWriter writer, Path outFolder, int jobs) {
    if (jobs < 1) {
      throw new IllegalArgumentException("jobs must be at least 1, found " + jobs);
    }
    this.grader = grader;
    this.writer = writer;
    this.outFolder = outFolder;
    this.jobs = jobs;
  }

  /**
   * Creates the output folder before anything is graded, so that a bad one fails first.
   *
   * @throws RefusedInputException when it cannot be created
   */
  public static void createOutFolder(Path outFolder) {
    try {
      Files.createDirectories(outFolder);
    } catch (IOException e) {
      throw new RefusedInputException("cannot create the output folder " + outFolder + ": " + e);
    }
  }

  /**
   * Grades what {@code plan} leaves to grade and writes the run's files; a submission the grader
   * fails on is recorded in grader-errors.json, its earlier results left as they were.
   *
   * @throws IOException when what an earlier, killed run left half-written cannot be cleared
   */
  public BatchReport run(ResumePlan plan, BatchListener listener) throws IOException {
    // What a killed run was writing is stale: its submissions have no key yet and are graded.
    ResultsWriter.clearStaging(outFolder);
    listener.planned(plan);
    List<ResumePlan.Planned> toGrade = plan.toGrade();
    long start = System.nanoTime();
    Map<String, Outcome> outcomes = gradeAll(toGrade, listener);
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
    Optional<String> unwritten = Optional.empty();
    try {
      ResultsWriter.writeRun(sheets, errors, outFolder);
    } catch (IOException e) {
      unwritten = Optional.of(e.toString());
    }
    // Nothing is left half-written once every submission is done.
    ResultsWriter.clearStaging(outFolder);
    Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
    return new BatchReport(sheets, errors, toGrade.size(), plan.kept().size(), elapsed, unwritten);
  }

  /** A submission's outcome: its scoresheet, or the grader's error. */
  private record Outcome(Scoresheet sheet, GraderError error) {}

  /**
   * Grades every submission, {@code jobs} at a time, and writes each one's files as soon as it is
   * graded.
   */
  private Map<String, Outcome> gradeAll(List<ResumePlan.Planned> toGrade, BatchListener listener) {
    ExecutorService pool = Executors.newFixedThreadPool(jobs);
    try {
      Map<String, Future<Outcome>> pending = new HashMap<>();
      for (ResumePlan.Planned planned : toGrade) {
        pending.put(planned.submission().id(), pool.submit(() -> gradeOne(planned, listener)));
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
    }
  }

  private Outcome gradeOne(ResumePlan.Planned planned, BatchListener listener) {
    Submission submission = planned.submission();
    SubmissionResult result;
    try {
      result = grader.grade(submission);
      writer.write(
          result, submission.students(), outFolder.resolve(submission.id()), planned.key());
    } catch (IOException | RuntimeException e) {
      String fault = e.toString();
      listener.failed(submission, fault);
      return new Outcome(null, new GraderError(submission.id(), fault));
    }
    listener.graded(submission, result);
    return new Outcome(Scoresheet.of(result, submission.students(), writer.confinement()), null);
  }
}
