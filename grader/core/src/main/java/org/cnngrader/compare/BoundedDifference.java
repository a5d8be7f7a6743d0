package org.cnngrader.compare;

import org.cnngrader.tensor.Shape;
import org.cnngrader.tensor.Tensor;

/**
 * How a stored reference tensor agrees with the same tensor computed again, on another machine or
 * by another library: every element must differ by no more than its rounding bound. The worst
 * element is the one whose difference is the largest share of its bound ({@code ratio}); a ratio
 * above 1 is a difference rounding cannot explain.
 */
// Arrays on purpose: the index is copied in and out.
@SuppressWarnings("ArrayRecordComponent")
public record BoundedDifference(
    Shape shape,
    double ratio,
    int[] worstIndex,
    double storedAtWorst,
    double recomputedAtWorst,
    double boundAtWorst,
    int elementsOutside) {

  public BoundedDifference {
    worstIndex = worstIndex.clone();
    if (!(ratio >= 0) || elementsOutside < 0 || elementsOutside > shape.size()) {
      throw new IllegalArgumentException(
          "ratio must be >= 0 and elementsOutside between 0 and the elements, found "
              + ratio
              + " and "
              + elementsOutside);
    }
  }

  /** Compares {@code stored} with {@code recomputed}, of the same shape, element by element. */
  public static BoundedDifference of(Tensor stored, Tensor recomputed, ElementBounds bounds) {
    if (!stored.shape().equals(recomputed.shape())) {
      throw new IllegalArgumentException(
          "shapes differ: stored " + stored.shape() + ", recomputed " + recomputed.shape());
    }
    double worstRatio = 0;
    int worst = 0;
    double worstBound = stored.size() == 0 ? 0 : bounds.at(0);
    int outside = 0;
    for (int i = 0; i < stored.size(); i++) {
      double bound = bounds.at(i);
      double ratio = ratio(stored.get(i), recomputed.get(i), bound);
      if (ratio > 1) {
        outside++;
      }
      if (ratio > worstRatio) {
        worstRatio = ratio;
        worst = i;
        worstBound = bound;
      }
    }
    return new BoundedDifference(
        stored.shape(),
        worstRatio,
        stored.size() == 0 ? new int[stored.shape().rank()] : stored.shape().unflatten(worst),
        stored.size() == 0 ? 0 : stored.get(worst),
        stored.size() == 0 ? 0 : recomputed.get(worst),
        worstBound,
        outside);
  }

  /**
   * |stored - recomputed| / bound: 0 for equal values, infinite for a difference where the result
   * is exact (bound 0) and for NaN or infinite values, which no bound explains.
   */
  static double ratio(double stored, double recomputed, double bound) {
    if (!Double.isFinite(stored) || !Double.isFinite(recomputed)) {
      return Double.POSITIVE_INFINITY;
    }
    double difference = Math.abs(stored - recomputed);
    if (difference == 0) {
      return 0;
    }
    return bound == 0 ? Double.POSITIVE_INFINITY : difference / bound;
  }

  @Override
  public int[] worstIndex() {
    return worstIndex.clone();
  }

  public double differenceAtWorst() {
    return Math.abs(storedAtWorst - recomputedAtWorst);
  }

  public int elements() {
    return shape.size();
  }

  /** Every element within its bound. */
  public boolean agrees() {
    return elementsOutside == 0;
  }
}
