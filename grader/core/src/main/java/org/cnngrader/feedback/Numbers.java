package org.cnngrader.feedback;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Locale;

/** How numbers appear in feedback: values in full precision, errors and points short. */
public final class Numbers {

  private Numbers() {}

  /**
   * A value to ten significant digits: three more than the default tolerance can tell apart,
   * without the last-bit noise of decimal fractions (0.24539999999999873 reads 0.2454).
   */
  public static String value(double value) {
    if (!Double.isFinite(value) || value == 0) {
      return Double.toString(value);
    }
    return new BigDecimal(value)
        .round(new MathContext(10, RoundingMode.HALF_EVEN))
        .stripTrailingZeros()
        .toString();
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

  /** A duration in seconds without needless decimals: {@code 10 s}, {@code 0.5 s}. */
  static String seconds(java.time.Duration duration) {
    return BigDecimal.valueOf(duration.toMillis(), 3).stripTrailingZeros().toPlainString() + " s";
  }

  /** Bytes in whole mebibytes, with thousands grouped: {@code 1,088 MiB}. */
  static String mebibytes(long bytes) {
    return String.format(Locale.ROOT, "%,d MiB", bytes / (1024 * 1024));
  }

  static String tolerance(double tolerance) {
    return String.format(Locale.ROOT, "%.0e", tolerance).replace("e-0", "e-");
  }
}
