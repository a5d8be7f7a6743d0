package org.cnngrader.layers.described;

import org.cnngrader.bounds.LayerBounds;
import org.cnngrader.compare.ElementBounds;
import org.cnngrader.tensor.Tensor;

/**
 * A described layer's tolerance: an element passes when |actual - expected| <= max(relative *
 * |expected|, absolute). The absolute floor is for elements near zero, where a relative bound
 * shrinks below what rounding makes.
 */
public record LayerTolerance(double relative, double absolute) {

  public LayerTolerance {
    if (!(relative >= 0) || Double.isInfinite(relative)) {
      throw new IllegalArgumentException("relative must be a number >= 0, found " + relative);
    }
    if (!(absolute >= 0) || Double.isInfinite(absolute)) {
      throw new IllegalArgumentException("absolute must be a number >= 0, found " + absolute);
    }
  }

  /** The bound of every element of every output, the same for any case. */
  LayerBounds bounds() {
    return new LayerBounds() {
      /** Without the reference, only the absolute floor is known. */
      @Override
      public ElementBounds of(String tensor) {
        return index -> absolute;
      }

      @Override
      public ElementBounds of(String tensor, Tensor expected) {
        return ElementBounds.withCeiling(ceiling(expected), this.elementwise(expected));
      }

      private ElementBounds elementwise(Tensor expected) {
        return index -> Math.max(relative * Math.abs(expected.get(index)), absolute);
      }
    };
  }

  private double ceiling(Tensor expected) {
    double largest = 0;
    for (int i = 0; i < expected.size(); i++) {
      double magnitude = Math.abs(expected.get(i));
      if (magnitude > largest) {
        largest = magnitude;
      }
    }
    return Math.max(relative * largest, absolute);
  }
}
