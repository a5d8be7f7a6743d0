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

  /** Keeps a ceiling above the bounds it covers, whose own sums of magnitudes round. */
  private static final double CEILING_MARGIN = 1.01;

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

  /**
   * The bounds of a tensor as pooling with a known mistake computes it: one bound for every
   * element. A mistake may average a window instead of picking its maximum, or send dout to every
   * element of a window, divided or not, through windows that overlap where the right ones do not
   * (the stride ignored); so out and dx become sums. None sums more than a window's elements (at
   * least 2x2: a window fixed at 2x2 whatever the parameters), or than the dout of every window at
   * stride 1 that holds an element, plus one division.
   */
  @Override
  public ElementBounds ofMistake(String mistake, String tensor) {
    int window = Math.max(4, g.poolHeight() * g.poolWidth());
    double bound =
        switch (tensor) {
          case "out" -> SumErrorBound.of(window + 1, x.largestMagnitude()) * CEILING_MARGIN;
          case "dx" -> {
            if (dout == null) {
              throw new IllegalArgumentException("no dout was given: only out has bounds");
            }
            yield SumErrorBound.of(window + 1, window * dout.largestMagnitude()) * CEILING_MARGIN;
          }
          default -> throw new IllegalArgumentException("max pooling computes no tensor " + tensor);
        };
    return ElementBounds.withCeiling(bound, index -> bound);
  }

  /** Above every element's bound: every window that can hold it, each with the largest dout. */
  private double ceiling() {
    int windows = windowsAlong(g.poolHeight()) * windowsAlong(g.poolWidth());
    double largest = dout.largestMagnitude();
    return SumErrorBound.of(windows, windows * largest) * CEILING_MARGIN;
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
