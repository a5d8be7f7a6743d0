package org.cnngrader.grading;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.cnngrader.compile.Compilation;
import org.cnngrader.execution.CapturedOutput;
import org.cnngrader.fixture.Visibility;
import org.cnngrader.inspect.Inspection;
import org.cnngrader.resources.ChildUsage;

/**
 * Everything decided about one submission, in fixture order, ready to be worded and written: with
 * the static check's findings when the classes were scanned, how long each child JVM took to start,
 * what each used, and the CPU time charged to each layer's cases (by layer id). What the student's
 * code printed is kept apart for public and hidden cases: students see the former only.
 */
public record SubmissionResult(
    String id,
    List<PartResult> parts,
    Optional<Compilation> compilation,
    Optional<Inspection> inspection,
    CapturedOutput output,
    CapturedOutput hiddenOutput,
    List<Duration> childStarts,
    List<ChildUsage> children,
    Map<String, Duration> caseCpuByLayer,
    Duration elapsed) {

  public SubmissionResult {
    parts = List.copyOf(parts);
    childStarts = List.copyOf(childStarts);
    children = List.copyOf(children);
    caseCpuByLayer = Collections.unmodifiableMap(new LinkedHashMap<>(caseCpuByLayer));
  }

  public double score() {
    return Points.total(parts.stream().mapToDouble(PartResult::score));
  }

  public double maxScore() {
    return parts.stream().mapToDouble(PartResult::maxScore).sum();
  }

  /**
   * Whether no code was graded: none was handed in (a link, a text entry, only other files) or what
   * was handed in could not be taken in. Such a result scores 0 for the student to read, but it is
   * no grade: the gradebook and the LMS exports leave it for the TA.
   */
  public boolean noCode() {
    return compilation.filter(c -> c instanceof Compilation.NoSources).isPresent();
  }

  public long passedParts() {
    return parts.stream().filter(PartResult::passed).count();
  }

  /** The parts of one visibility, e.g. the public ones that a student may see at once. */
  public List<PartResult> parts(Visibility visibility) {
    return parts.stream().filter(p -> p.fixture().visibility() == visibility).toList();
  }
}
