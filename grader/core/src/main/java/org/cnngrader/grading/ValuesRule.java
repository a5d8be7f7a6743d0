package org.cnngrader.grading;

import org.cnngrader.bounds.LayerBounds;
import org.cnngrader.compare.RelativeError;
import org.cnngrader.compare.ValueComparison;
import org.cnngrader.fixture.Fixture;
import org.cnngrader.tensor.Tensor;

/**
 * The rule that decides a values part, for the grader and the student's own check alike: an element
 * passes when CS231n's relative error is within the case's tolerance, or when it differs from the
 * reference by no more than rounding can make of a correct result (the case's rounding bounds), so
 * that no correct answer loses a point for the order it sums in.
 */
public final class ValuesRule {

  private final Fixture fixture;
  private final LayerBounds roundOff;

  public ValuesRule(Fixture fixture) {
    this.fixture = fixture;
    this.roundOff = fixture.layer().bounds(fixture.params(), fixture.inputs());
  }

  /** The case's rounding bounds, worked out once. */
  public LayerBounds bounds() {
    return roundOff;
  }

  /** Compares {@code actual}, shaped like the expected tensor named {@code tensor}, with it. */
  public ValueComparison compare(String tensor, Tensor actual) {
    return RelativeError.compare(
        fixture.expected(tensor),
        actual,
        fixture.tolerance(),
        roundOff.of(tensor, fixture.expected(tensor)));
  }
}
