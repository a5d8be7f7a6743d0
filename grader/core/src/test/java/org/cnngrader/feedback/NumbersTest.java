package org.cnngrader.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class NumbersTest {

  /** Values where rounding is hard: ties in the shortest digits, carries, extremes, signs. */
  private static List<Double> hardValues() {
    List<Double> values =
        new ArrayList<>(
            List.of(
                0.0,
                -0.0,
                1.0,
                0.15,
                0.25,
                0.35,
                1.25,
                1.35e-5,
                9.95,
                9.96,
                99.5,
                0.095,
                2.5e-16,
                1.05e-300,
                Double.MIN_VALUE,
                Double.MIN_NORMAL,
                Double.MAX_VALUE,
                -3.45e-7,
                1e100,
                1e-10));
    SplittableRandom random = new SplittableRandom(20261203L);
    for (int i = 0; i < 20_000; i++) {
      // Any bits: every exponent, subnormals among them.
      double bits = Double.longBitsToDouble(random.nextLong());
      if (Double.isFinite(bits)) {
        values.add(bits);
      }
      // Relative errors as the grader meets them, and decimal ties one digit past the rounding.
      values.add(random.nextDouble() * Math.pow(10, -random.nextInt(20)));
      values.add((random.nextInt(1000) + 0.5) / Math.pow(10, random.nextInt(1, 12)));
    }
    return values;
  }

  @Test
  void scientificWritesWhatTheFormatterWrites() {
    for (double value : hardValues()) {
      for (int decimals = 0; decimals <= 3; decimals++) {
        assertThat(Numbers.scientific(value, decimals))
            .as("%s with %d decimals", value, decimals)
            .isEqualTo(String.format(Locale.ROOT, "%." + decimals + "e", value));
      }
    }
  }

  @Test
  void errorsAndTolerancesReadShort() {
    assertThat(Numbers.error(3.14159e-5)).isEqualTo("3.1e-05");
    assertThat(Numbers.error(0)).isEqualTo("0.0e+00");
    assertThat(Numbers.error(Double.POSITIVE_INFINITY)).isEqualTo("infinite");
    assertThat(Numbers.tolerance(1e-9)).isEqualTo("1e-9");
    assertThat(Numbers.tolerance(1e-12)).isEqualTo("1e-12");
  }
}
