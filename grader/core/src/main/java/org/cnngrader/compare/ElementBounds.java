package org.cnngrader.compare;

import org.cnngrader.tensor.Shape;
import org.cnngrader.tensor.Tensor;

/**
 * How far each element of a tensor may differ between two correct computations of it by rounding
 * alone, e.g. two convolutions that add the same products in another order. Indices are flat, in
 * row-major order. Computed on demand: a comparison asks only for the elements it needs.
 */
@FunctionalInterface
public interface ElementBounds {

  /** For results that are exact whatever the order (a copy, a maximum): no difference allowed. */
  ElementBounds EXACT = index -> 0;

  /**
   * The largest difference rounding alone can make at {@code index}; 0 when the result is exact.
   */
  double at(int index);

  /**
   * A number no element's bound exceeds, cheap to know: a difference above it fails without its
   * element's own bound being worked out, which matters for an answer that is wrong everywhere.
   * Infinite unless the bounds say otherwise.
   */
  default double ceiling() {
    return Double.POSITIVE_INFINITY;
  }

  /** Every element's bound, for a tensor of {@code shape}. */
  default Tensor all(Shape shape) {
    double[] bounds = new double[shape.size()];
    for (int i = 0; i < bounds.length; i++) {
      bounds[i] = at(i);
    }
    return new Tensor(shape, bounds);
  }

  /** The bounds held in a tensor, one per element. */
  static ElementBounds of(Tensor bounds) {
    return bounds::get;
  }

  /** Bounds computed by {@code at}, none of which exceeds {@code ceiling}. */
  static ElementBounds withCeiling(double ceiling, ElementBounds at) {
    return new ElementBounds() {
      @Override
      public double at(int index) {
        return at.at(index);
      }

      @Override
      public double ceiling() {
        return ceiling;
      }
    };
  }
}
