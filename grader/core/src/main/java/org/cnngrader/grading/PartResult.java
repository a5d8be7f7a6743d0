package org.cnngrader.grading;

import java.util.List;
import org.cnngrader.fixture.Fixture;
import org.cnngrader.fixture.Part;

/**
 * One graded part of one case: all of its points when it passed, none otherwise; {@code warnings}
 * cost nothing but are shown with it.
 */
public record PartResult(Fixture fixture, Part part, Verdict verdict, List<Warning> warnings) {

  public PartResult {
    warnings = List.copyOf(warnings);
  }

  public PartResult(Fixture fixture, Part part, Verdict verdict) {
    this(fixture, part, verdict, List.of());
  }

  public boolean passed() {
    return verdict instanceof Verdict.Passed;
  }

  public double maxScore() {
    return fixture.points(part);
  }

  public double score() {
    return passed() ? maxScore() : 0;
  }

  /** Unique within a submission: {@code <case name>: <part label>}. */
  public String name() {
    return fixture.name() + ": " + part.label();
  }
}
