package org.cnngrader.compare;

import org.cnngrader.tensor.Tensor;

/**
 * CS231n's relative error, |a - b| / max(1e-8, |a| + |b|), and its maximum over a tensor. NaN and
 * infinite values never pass: their error is infinite.
 */
public final class RelativeError {

  /** Keeps the error of two values near zero from blowing up. */
  public static final double FLOOR = 1e-8;

  private RelativeError() {}

  public static double between(double expected, double actual) {
    if (!Double.isFinite(expected) || !Double.isFinite(actual)) {
      return Double.POSITIVE_INFINITY;
    }
    return Math.abs(expected - actual) / Math.max(FLOOR, Math.abs(expected) + Math.abs(actual));
  }

  /** Compares two tensors of the same shape; the caller has checked the shapes. */
  public static ValueComparison compare(Tensor expected, Tensor actual, double tolerance) {
    if (!expected.shape().equals(actual.shape())) {
      throw new IllegalArgumentException(
          "shapes differ: expected " + expected.shape() + ", actual " + actual.shape());
    }
    double maxError = 0;
    int worst = 0;
    int off = 0;
    int nonFinite = 0;
    for (int i = 0; i < expected.size(); i++) {
      double error = between(expected.get(i), actual.get(i));
      if (!Double.isFinite(actual.get(i))) {
        nonFinite++;
      }
      if (error > tolerance) {
        off++;
      }
      if (error > maxError) {
        maxError = error;
        worst = i;
      }
    }
    int[] index =
        expected.size() == 0 ? new int[expected.shape().rank()] : expected.shape().unflatten(worst);
    return new ValueComparison(
        expected.shape(),
        maxError,
        index,
        expected.size() == 0 ? 0 : expected.get(worst),
        actual.size() == 0 ? 0 : actual.get(worst),
        off,
        nonFinite,
        tolerance);
  }
}
