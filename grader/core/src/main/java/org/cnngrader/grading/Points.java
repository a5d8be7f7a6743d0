package org.cnngrader.grading;

import java.util.stream.DoubleStream;

/** Sums of points, which partial credit makes fractions of. */
public final class Points {

  private Points() {}

  /**
   * The sum, rounded to millionths: points come in hundredths at the finest, and 0.32 + 1.28 must
   * read 1.6 in a gradebook, not 1.6000000000000003.
   */
  public static double total(DoubleStream points) {
    return Math.round(points.sum() * 1e6) / 1e6;
  }
}
