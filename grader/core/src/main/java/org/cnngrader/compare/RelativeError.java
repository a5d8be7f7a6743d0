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
    double scale = Math.abs(expected) + Math.abs(actual);
    if (scale == Double.POSITIVE_INFINITY) {
      // Both near the largest double, their sum overflows: halved, neither sum nor difference does.
      return Math.abs(expected / 2 - actual / 2) / (Math.abs(expected) / 2 + Math.abs(actual) / 2);
    }
    return Math.abs(expected - actual) / Math.max(FLOOR, scale);
  }

  /** Compares two tensors of the same shape, by relative error alone. */
  public static ValueComparison compare(Tensor expected, Tensor actual, double tolerance) {
    return compare(expected, actual, tolerance, ElementBounds.EXACT);
  }

  /**
   * Compares two tensors of the same shape; the caller has checked the shapes. An element passes
   * when its relative error is within {@code tolerance}, or when its difference is within {@code
   * roundOff}, what rounding alone can make of a correct result: near zero, where the floor of the
   * relative error is larger than the value, rounding in another summation order can exceed the
   * tolerance, and a correct answer must never lose points for the order it sums in.
   */
  public static ValueComparison compare(
      Tensor expected, Tensor actual, double tolerance, ElementBounds roundOff) {
    if (!expected.shape().equals(actual.shape())) {
      throw new IllegalArgumentException(
          "shapes differ: expected " + expected.shape() + ", actual " + actual.shape());
    }
    Worst off = new Worst();
    Worst within = new Worst();
    int nonFinite = 0;
    int withinRoundOff = 0;
    double ceiling = roundOff.ceiling();
    for (int i = 0; i < expected.size(); i++) {
      double e = expected.get(i);
      double a = actual.get(i);
      // between(e, a) written out for finite values: the quick compiler calls rather than inlines
      // it (and Math.max), and this runs for every element of every output of every submission.
      // A finite scale means both values are finite; NaN fails the test too.
      double scale = Math.abs(e) + Math.abs(a);
      double error =
          scale < Double.POSITIVE_INFINITY
              ? Math.abs(e - a) / (scale > FLOOR ? scale : FLOOR)
              : between(e, a);
      if (error <= tolerance) {
        within.offer(i, error);
      } else if (Double.isFinite(error)
          && Math.abs(e - a) <= ceiling
          && Math.abs(e - a) <= roundOff.at(i)) {
        withinRoundOff++;
      } else {
        off.offer(i, error);
        if (!Double.isFinite(a)) {
          nonFinite++;
        }
      }
    }
    Worst worst = off.count > 0 ? off : within;
    int index = worst.index;
    return new ValueComparison(
        expected.shape(),
        worst.error,
        expected.size() == 0 ? new int[expected.shape().rank()] : expected.shape().unflatten(index),
        expected.size() == 0 ? 0 : expected.get(index),
        actual.size() == 0 ? 0 : actual.get(index),
        off.count,
        nonFinite,
        withinRoundOff,
        tolerance);
  }

  /** The element of largest relative error among those offered, and how many were offered. */
  private static final class Worst {
    private int count;
    private int index;
    private double error;

    void offer(int i, double e) {
      if (count == 0 || e > error) {
        index = i;
        error = e;
      }
      count++;
    }
  }
}
