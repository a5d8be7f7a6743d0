package org.cnngrader.layers.maxpool2d;

import org.cnngrader.bounds.LayerBounds;
import org.cnngrader.compare.ElementBounds;
import org.cnngrader.compare.SumErrorBound;
import org.cnngrader.tensor.Tensor;

/**
 * The rounding bounds of max pooling. Its output picks an input element, which is exact: any
 * correct answer equals the reference bit for bit. Its dx adds up the dout of every window whose
 * maximum an element is (no window of a fixture holds its maximum twice, so which element that is
 * is no convention): none or one term is exact, more are bounded by {@link SumErrorBound} with the
 * magnitudes of their dout. Without overlapping windows no element has more than one.
 */
public final class MaxPool2dBounds implements LayerBounds {

  private final PoolGeometry g;
  private final Tensor x;
  private final Tensor dout;
  private int[] windows;
  private double[] magnitudes;

  /** The bounds of pooling {@code x}; {@code dout} may be null for the forward pass alone. */
  public MaxPool2dBounds(PoolGeometry g, Tensor x, Tensor dout) {
    if (!x.shape().equals(g.xShape()) || (dout != null && !dout.shape().equals(g.outShape()))) {
      throw new IllegalArgumentException(
          "x must have shape "
              + g.xShape()
              + " and dout "
              + g.outShape()
              + ", found "
              + x.shape()
              + " and "
              + (dout == null ? "none" : dout.shape()));
    }
    this.g = g;
    this.x = x;
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
    if (windows == null) {
      route();
    }
    return windows[index] <= 1 ? 0 : SumErrorBound.of(windows[index], magnitudes[index]);
  }

  /** For every element, how many windows it is the maximum of, and the sum of their |dout|. */
  private void route() {
    int[] count = new int[x.size()];
    double[] sums = new double[x.size()];
    int o = 0;
    for (int n = 0; n < g.n(); n++) {
      for (int c = 0; c < g.c(); c++) {
        for (int i = 0; i < g.outHeight(); i++) {
          for (int j = 0; j < g.outWidth(); j++) {
            int best = g.argmax(x, n, c, i, j);
            count[best]++;
            sums[best] += Math.abs(dout.get(o++));
          }
        }
      }
    }
    windows = count;
    magnitudes = sums;
  }
}
