package org.cnngrader.batch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.cnngrader.intake.Submissions;
import org.cnngrader.report.GradingKey;
import org.cnngrader.report.ResultsWriter;
import org.cnngrader.report.Scoresheet;

/**
 * Which submissions of a run are graded, and which keep the results an earlier run in the same
 * output folder wrote under the same key: same content, grader build, fixtures and options.
 */
public record ResumePlan(List<Planned> submissions, Map<String, Scoresheet> kept) {

  /** A submission with the key it is graded under. */
  public record Planned(Submissions.Submission submission, GradingKey key) {}

  public ResumePlan {
    submissions = List.copyOf(submissions);
    kept = Map.copyOf(kept);
  }

  /**
   * Keys every submission, and keeps the earlier results whose key matches unless {@code force}. A
   * submission that cannot be read is rejected with the reason, not a fault of the grader.
   */
  public static ResumePlan of(
      List<Submissions.Submission> submissions, RunKeys keys, Path outFolder, boolean force) {
    return of(submissions, keys, outFolder, force, List.of());
  }

  /**
   * The same, keeping earlier results only where their folder holds every file of {@code needed}
   * too (such as PrairieLearn's results, which an earlier run may not have written).
   */
  public static ResumePlan of(
      List<Submissions.Submission> submissions,
      RunKeys keys,
      Path outFolder,
      boolean force,
      List<String> needed) {
    List<Planned> planned = new ArrayList<>();
    Map<String, Scoresheet> kept = new HashMap<>();
    for (Submissions.Submission submission : submissions) {
      GradingKey key;
      Submissions.Submission checked = submission;
      try {
        key = keys.keyOf(submission);
      } catch (IOException e) {
        String reason = "the submission cannot be read: " + e.getMessage();
        key = keys.unreadable(reason);
        checked = submission.rejectedFor(reason);
      }
      planned.add(new Planned(checked, key));
      if (!force) {
        Path folder = outFolder.resolve(submission.id());
        if (needed.stream().allMatch(file -> Files.isRegularFile(folder.resolve(file)))) {
          earlier(folder, submission.id(), key)
              .ifPresent(sheet -> kept.put(submission.id(), sheet));
        }
      }
    }
    return new ResumePlan(planned, kept);
  }

  private static Optional<Scoresheet> earlier(Path folder, String id, GradingKey key) {
    if (!ResultsWriter.keyOf(folder).equals(Optional.of(key.value()))) {
      return Optional.empty();
    }
    try {
      return Optional.of(Scoresheet.read(id, folder));
    } catch (IOException e) {
      // Results that cannot be read back are graded again.
      return Optional.empty();
    }
  }

  /**
   * The same plan with the submissions still to grade replaced by {@code ready}, those same
   * submissions as taken in (zips extracted), in the order of {@link #toGrade()}.
   */
  public ResumePlan takenIn(List<Submissions.Submission> ready) {
    List<Planned> toGrade = toGrade();
    if (ready.size() != toGrade.size()) {
      throw new IllegalArgumentException(
          "expected " + toGrade.size() + " submissions taken in, found " + ready.size());
    }
    Map<String, Submissions.Submission> byId = new HashMap<>();
    ready.forEach(s -> byId.put(s.id(), s));
    List<Planned> replaced = new ArrayList<>();
    for (Planned planned : submissions) {
      Submissions.Submission taken = byId.get(planned.submission().id());
      replaced.add(taken == null ? planned : new Planned(taken, planned.key()));
    }
    return new ResumePlan(replaced, kept);
  }

  /** The submissions still to grade, in the run's order. */
  public List<Planned> toGrade() {
    return submissions.stream().filter(p -> !kept.containsKey(p.submission().id())).toList();
  }
}
