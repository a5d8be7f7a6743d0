package org.cnngrader.compare;

/**
 * The rounding error of a floating-point sum of products, from the classical error analysis (N. J.
 * Higham, Accuracy and Stability of Numerical Algorithms, 2nd ed., section 3.1): summed in any
 * order, with or without fused multiply-adds, n terms x_k y_k (or plain terms) give a result within
 * gamma(n) * S of the exact sum, where S is the sum of the terms' magnitudes and gamma(n) = n u /
 * (1 - n u), u = 2^-53 being the unit roundoff of a double. Terms that are exactly zero (padding)
 * add no rounding and need not be counted.
 *
 * <p>Two correct computations of the same sum, each within that distance of the exact value, differ
 * by at most {@link #COMPUTATIONS} times as much. S itself is computed in floating point, from
 * products of magnitudes that round in the same way, so it may fall short of the exact S by a
 * factor 1 - gamma(n); the bound divides by that factor.
 */
public final class SumErrorBound {

  /** The unit roundoff of a double: half the distance from 1 to the next double. */
  public static final double UNIT_ROUNDOFF = 0x1p-53;

  /**
   * The constant c of c * n * u * S: the reference and the value compared with it are two
   * computations of the same sum, each with its own rounding error.
   */
  public static final int COMPUTATIONS = 2;

  private SumErrorBound() {}

  /**
   * The largest difference between two computations of a sum of {@code terms} terms whose
   * magnitudes add up to {@code magnitudes}.
   */
  public static double of(int terms, double magnitudes) {
    if (terms < 0 || !(magnitudes >= 0)) {
      throw new IllegalArgumentException(
          "terms and magnitudes must be >= 0, found " + terms + " and " + magnitudes);
    }
    if (terms == 0 || magnitudes == 0) {
      return 0;
    }
    double gamma = gamma(terms);
    return COMPUTATIONS * gamma * magnitudes / (1 - gamma);
  }

  /** gamma(n) = n u / (1 - n u), the relative error bound of a sum of n products. */
  static double gamma(int terms) {
    double nu = terms * UNIT_ROUNDOFF;
    return nu / (1 - nu);
  }
}
