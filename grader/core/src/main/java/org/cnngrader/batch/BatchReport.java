package org.cnngrader.batch;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.cnngrader.report.GraderError;
import org.cnngrader.report.Scoresheet;

/**
 * What a batch did: the scoresheet of every submission with results (graded now or kept), the
 * grader's errors, how many it graded of how many it set out to, in how long, and why the run's
 * gradebook and index could not be written, if they could not.
 */
public record BatchReport(
    List<Scoresheet> sheets,
    List<GraderError> errors,
    int toGrade,
    int kept,
    Duration elapsed,
    Optional<String> unwritten) {

  public BatchReport {
    sheets = List.copyOf(sheets);
    errors = List.copyOf(errors);
    if (toGrade < errors.size()) {
      throw new IllegalArgumentException(
          "a batch of " + toGrade + " to grade cannot have " + errors.size() + " errors");
    }
    if (kept < 0) {
      throw new IllegalArgumentException("kept must be at least 0, found " + kept);
    }
  }

  /** The submissions graded in this run, those kept from an earlier run aside. */
  public int graded() {
    return toGrade - errors.size();
  }

  /** Whether every submission has results and the run's files were written. */
  public boolean complete() {
    return errors.isEmpty() && unwritten.isEmpty();
  }
}
