package org.cnngrader.grading;

import java.util.List;
import java.util.Optional;
import org.cnngrader.compare.ValueComparison;
import org.cnngrader.fixture.Credit;
import org.cnngrader.fixture.Fixture;
import org.cnngrader.layer.Part;

/**
 * One graded part of one case: all of its points when it passed; when it failed, none, or under
 * proportional {@code credit} the share of its elements within the tolerance (rounded down to
 * hundredths of a point); {@code warnings} cost nothing but are shown with it.
 */
public record PartResult(
    Fixture fixture,
    Part part,
    Verdict verdict,
    List<Warning> warnings,
    Credit credit,
    Optional<GradientCheck.Finding> gradientCheck) {

  public PartResult {
    warnings = List.copyOf(warnings);
    if (credit == null) {
      throw new IllegalArgumentException("credit of " + fixture.name() + " must be given");
    }
    if (gradientCheck.isPresent() && !gradientCheck.get().gradient().equals(part.tensor())) {
      throw new IllegalArgumentException(
          "the gradient check of " + gradientCheck.get().gradient() + " explains no " + part);
    }
  }

  public PartResult(
      Fixture fixture, Part part, Verdict verdict, List<Warning> warnings, Credit credit) {
    this(fixture, part, verdict, warnings, credit, Optional.empty());
  }

  public PartResult(Fixture fixture, Part part, Verdict verdict, List<Warning> warnings) {
    this(fixture, part, verdict, warnings, fixture.credit(part));
  }

  public PartResult(Fixture fixture, Part part, Verdict verdict) {
    this(fixture, part, verdict, List.of());
  }

  /** The same result under {@code newCredit}, which the command line may set for every part. */
  public PartResult withCredit(Credit newCredit) {
    return new PartResult(
        fixture,
        part,
        verdict,
        warnings,
        part.shapeOnly() ? Credit.ALL_OR_NOTHING : newCredit,
        gradientCheck);
  }

  /** The same result with another verdict: a diagnosis made to agree with the others. */
  public PartResult withVerdict(Verdict newVerdict) {
    return new PartResult(fixture, part, newVerdict, warnings, credit, gradientCheck);
  }

  /** The same result explained by what the gradient check found of its gradient. */
  public PartResult withGradientCheck(GradientCheck.Finding finding) {
    return new PartResult(fixture, part, verdict, warnings, credit, Optional.of(finding));
  }

  /**
   * The comparison that earns proportional credit: that of values compared and found wrong under
   * proportional credit; none otherwise.
   */
  public Optional<ValueComparison> partialComparison() {
    return credit == Credit.PROPORTIONAL && verdict instanceof Verdict.WrongValues wrong
        ? Optional.of(wrong.comparison())
        : Optional.empty();
  }

  public boolean passed() {
    return verdict instanceof Verdict.Passed;
  }

  public double maxScore() {
    return fixture.points(part);
  }

  public double score() {
    if (passed()) {
      return maxScore();
    }
    return partialComparison()
        .map(
            c ->
                Math.floor(maxScore() * (c.elements() - c.elementsOff()) * 100.0 / c.elements())
                    / 100)
        .orElse(0.0);
  }

  /** Unique within a submission: {@code <layer id>/<case name>: <part label>}. */
  public String name() {
    return fixture.layer().id() + "/" + fixture.name() + ": " + part.label();
  }
}
