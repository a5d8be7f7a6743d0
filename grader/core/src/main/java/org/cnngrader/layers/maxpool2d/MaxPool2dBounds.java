package org.cnngrader.layers.maxpool2d;

import org.cnngrader.bounds.LayerBounds;
import org.cnngrader.compare.ElementBounds;
import org.cnngrader.compare.SumErrorBound;
import org.cnngrader.tensor.Tensor;

/**
 * The rounding bounds of max pooling. Its output picks an input element, which is exact: any
 * correct answer equals the reference bit for bit. Its dx adds up the dout of every window whose
 * maximum an element is: a sum of at most as many terms as windows hold the element, bounded by
 * {@link SumErrorBound} with the magnitudes of all their dout (a bound for whichever of them the
 * element is the maximum of). Without overlapping windows that is a single term, which is exact.
 */
public final class MaxPool2dBounds implements LayerBounds {

  private final PoolGeometry g;
  private final Tensor dout;

  /** {@code dout} may be null for the forward pass alone. */
  public MaxPool2dBounds(PoolGeometry g, Tensor dout) {
    if (dout != null && !dout.shape().equals(g.outShape())) {
      throw new IllegalArgumentException(
          "dout must have shape " + g.outShape() + ", found " + dout.shape());
    }
    this.g = g;
    this.dout = dout;
  }

  @Override
  public ElementBounds of(String tensor) {
    return switch (tensor) {
      case "out" -> ElementBounds.EXACT;
      case "dx" -> {
        if (dout == null) {
          throw new IllegalArgumentException("no dout was given: only out has bounds");
        }
        yield g.overlaps() ? ElementBounds.withCeiling(ceiling(), this::dx) : ElementBounds.EXACT;
      }
      default -> throw new IllegalArgumentException("max pooling computes no tensor " + tensor);
    };
  }

  /** Above every element's bound: every window that can hold it, each with the largest dout. */
  private double ceiling() {
    int windows = windowsAlong(g.poolHeight()) * windowsAlong(g.poolWidth());
    double largest = 0;
    for (int i = 0; i < dout.size(); i++) {
      largest = Math.max(largest, Math.abs(dout.get(i)));
    }
    return SumErrorBound.of(windows, windows * largest) * 1.01;
  }

  private int windowsAlong(int window) {
    return (window + g.stride() - 1) / g.stride();
  }

  private double dx(int index) {
    int col = index % g.w();
    int row = index / g.w() % g.h();
    int c = index / (g.w() * g.h()) % g.c();
    int n = index / (g.w() * g.h() * g.c());
    int terms = 0;
    double magnitudes = 0;
    for (int i = 0; i < g.outHeight(); i++) {
      int top = i * g.stride();
      if (row < top || row >= top + g.poolHeight()) {
        continue;
      }
      for (int j = 0; j < g.outWidth(); j++) {
        int left = j * g.stride();
        if (col < left || col >= left + g.poolWidth()) {
          continue;
        }
        terms++;
        magnitudes += Math.abs(dout.get(((n * g.c() + c) * g.outHeight() + i) * g.outWidth() + j));
      }
    }
    return terms <= 1 ? 0 : SumErrorBound.of(terms, magnitudes);
  }
}
