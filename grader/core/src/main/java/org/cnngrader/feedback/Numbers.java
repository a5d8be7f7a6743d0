package org.cnngrader.feedback;

import java.util.Locale;

/** How numbers appear in feedback: values in full precision, errors and points short. */
final class Numbers {

  private Numbers() {}

  /** A value exactly as Java prints it, so that no digit that matters is hidden. */
  static String value(double value) {
    return Double.toString(value);
  }

  /** A relative error or tolerance, e.g. {@code 3.1e-05}. */
  static String error(double error) {
    if (Double.isInfinite(error)) {
      return "infinite";
    }
    return String.format(Locale.ROOT, "%.1e", error);
  }

  /** Points without needless decimals: {@code 2}, {@code 1.5}. */
  static String points(double points) {
    if (points == Math.rint(points)) {
      return String.valueOf((long) points);
    }
    return String.format(Locale.ROOT, "%.2f", points).replaceAll("0+$", "");
  }

  static String tolerance(double tolerance) {
    return String.format(Locale.ROOT, "%.0e", tolerance).replace("e-0", "e-");
  }
}
