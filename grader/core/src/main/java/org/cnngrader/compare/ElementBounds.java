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
}
