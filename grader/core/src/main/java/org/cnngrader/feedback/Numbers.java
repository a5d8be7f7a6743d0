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
    return scientific(error, 1);
  }

  /**
   * {@code value} as {@code String.format("%.{decimals}e")} writes it (the same digits: the
   * shortest decimal that reads back as the value, rounded half up), without a formatter: feedback
   * writes two of these for every part of every submission.
   */
  static String scientific(double value, int decimals) {
    if (!Double.isFinite(value)) {
      return Double.isNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity";
    }
    StringBuilder text = new StringBuilder(decimals + 8);
    if (Math.copySign(1.0, value) < 0) {
      text.append('-');
    }
    String digits;
    int exponent;
    if (value == 0) {
      digits = "0";
      exponent = 0;
    } else {
      BigDecimal rounded =
          new BigDecimal(Double.toString(Math.abs(value)))
              .round(new MathContext(decimals + 1, RoundingMode.HALF_UP));
      digits = rounded.unscaledValue().toString();
      exponent = digits.length() - 1 - rounded.scale();
    }
    text.append(digits.charAt(0));
    if (decimals > 0) {
      text.append('.');
      for (int i = 1; i <= decimals; i++) {
        text.append(i < digits.length() ? digits.charAt(i) : '0');
      }
    }
    text.append(exponent < 0 ? "e-" : "e+");
    int magnitude = Math.abs(exponent);
    if (magnitude < 10) {
      text.append('0');
    }
    return text.append(magnitude).toString();
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
    return scientific(tolerance, 0).replace("e-0", "e-");
  }
}
