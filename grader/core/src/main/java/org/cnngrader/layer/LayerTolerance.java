package org.cnngrader.layer;

import org.cnngrader.bounds.LayerBounds;
import org.cnngrader.compare.ElementBounds;
import org.cnngrader.tensor.Tensor;

/**
 * A layer's tolerance as its description states it: an element passes when |actual - expected| <=
 * max(relative * |expected|, absolute). The absolute floor is for elements near zero, where a
 * relative bound shrinks below what rounding makes. A described layer grades with it; a built-in
 * layer grades with its rounding bounds and states a tolerance for a description of it.
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

  /** CS231n's relative error threshold, 1e-7, with no absolute floor. */
  public static final LayerTolerance CS231N = new LayerTolerance(1e-7, 0);

  /** The bound of every element of every output, the same for any case. */
  public LayerBounds bounds() {
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
