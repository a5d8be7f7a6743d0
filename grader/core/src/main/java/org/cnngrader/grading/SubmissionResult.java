package org.cnngrader.grading;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.cnngrader.compile.Compilation;
import org.cnngrader.execution.CapturedOutput;

/** Everything decided about one submission, in fixture order, ready to be worded and written. */
public record SubmissionResult(
    String id,
    List<PartResult> parts,
    Optional<Compilation> compilation,
    CapturedOutput output,
    Duration elapsed) {

  public SubmissionResult {
    parts = List.copyOf(parts);
  }

  public double score() {
    return parts.stream().mapToDouble(PartResult::score).sum();
  }

  public double maxScore() {
    return parts.stream().mapToDouble(PartResult::maxScore).sum();
  }

  public long passedParts() {
    return parts.stream().filter(PartResult::passed).count();
  }
}
