package org.cnngrader.layers.conv2d;

import org.cnngrader.bounds.LayerBounds;
import org.cnngrader.compare.ElementBounds;
import org.cnngrader.compare.SumErrorBound;
import org.cnngrader.tensor.Tensor;

/**
 * The rounding bounds of a convolution's four results. Each element is a sum of products, bounded
 * by {@link SumErrorBound} with the products that element actually sums (zero padding adds none):
 *
 * <ul>
 *   <li>out[n][f][i][j]: |x| * |w| over the window (C*HH*WW terms at most), plus |b[f]|;
 *   <li>dx[n][c][h][w]: |dout| * |w| over every filter and output position whose window holds (h,
 *       w);
 *   <li>dw[f][c][p][q]: |dout| * |x| over every image and output position;
 *   <li>db[f]: |dout| over every image and output position.
 * </ul>
 *
 * Each element's bound is computed when it is asked for, from the magnitudes of the inputs: the
 * same loops as the convolution, on |x|, |w| and |dout|, for that element alone.
 */
public final class Conv2dBounds implements LayerBounds {

  /** Keeps a tensor's ceiling above its elements' bounds, whose own sums of magnitudes round. */
  private static final double CEILING_MARGIN = 1.01;

  private final ConvGeometry g;
  private final Tensor x;
  private final Tensor w;
  private final Tensor b;
  private final Tensor dout;

  /** The largest magnitude of x, w, b and dout, each found once: several ceilings need them. */
  private final double largestX;

  private final double largestW;
  private final double largestB;
  private final double largestDout;

  /**
   * The bounds of a convolution of {@code x} with {@code w} and {@code b}, and of its backward pass
   * for {@code dout}; {@code dout} may be null for the forward pass alone.
   */
  public Conv2dBounds(Tensor x, Tensor w, Tensor b, Tensor dout, ConvParams params) {
    this.g = ConvGeometry.of(x.shape(), w.shape(), params);
    if (!b.shape().equals(g.bShape()) || (dout != null && !dout.shape().equals(g.outShape()))) {
      throw new IllegalArgumentException(
          "b must have shape "
              + g.bShape()
              + " and dout "
              + g.outShape()
              + ", found "
              + b.shape()
              + " and "
              + (dout == null ? "none" : dout.shape()));
    }
    this.x = x;
    this.w = w;
    this.b = b;
    this.dout = dout;
    this.largestX = x.largestMagnitude();
    this.largestW = w.largestMagnitude();
    this.largestB = b.largestMagnitude();
    this.largestDout = dout == null ? 0 : dout.largestMagnitude();
  }

  public ConvGeometry geometry() {
    return g;
  }

  @Override
  public ElementBounds of(String tensor) {
    if (dout == null && !tensor.equals("out")) {
      throw new IllegalArgumentException("no dout was given: only out has bounds");
    }
    return switch (tensor) {
      case "out" -> {
        int terms = g.c() * g.hh() * g.ww();
        yield ElementBounds.withCeiling(
            ceiling(terms + 1, terms * largestX * largestW + largestB), this::out);
      }
      case "dx" -> {
        int terms = g.f() * g.hh() * g.ww();
        yield ElementBounds.withCeiling(ceiling(terms, terms * largestDout * largestW), this::dx);
      }
      case "dw" -> {
        int terms = g.n() * g.outHeight() * g.outWidth();
        yield ElementBounds.withCeiling(ceiling(terms, terms * largestDout * largestX), this::dw);
      }
      case "db" -> {
        int terms = g.n() * g.outHeight() * g.outWidth();
        yield ElementBounds.withCeiling(ceiling(terms, terms * largestDout), this::db);
      }
      default -> throw new IllegalArgumentException("a convolution computes no tensor " + tensor);
    };
  }

  /**
   * The bounds of a tensor as a convolution with a known mistake computes it: one bound for every
   * element, above what any of the mistakes sums. A mistake pairs other elements of x and w (a
   * flipped kernel, height for width), sums other positions (the stride or the padding ignored), or
   * adds the bias once per channel, so the right result's bound at an element, which follows its
   * own products, does not hold; but no mistake sums more terms than a window at stride 1 over the
   * padded input holds, or than C copies of the bias, each no larger than the largest magnitudes
   * make it.
   */
  @Override
  public ElementBounds ofMistake(String mistake, String tensor) {
    if (dout == null && !tensor.equals("out")) {
      throw new IllegalArgumentException("no dout was given: only out has bounds");
    }
    int positions = g.n() * (g.h() + 2 * g.pad()) * (g.w() + 2 * g.pad());
    double bound =
        switch (tensor) {
          case "out" -> {
            int terms = g.c() * g.hh() * g.ww();
            yield ceiling(terms + g.c(), terms * largestX * largestW + g.c() * largestB);
          }
          case "dx" -> {
            int terms = g.f() * g.hh() * g.ww();
            yield ceiling(terms, terms * largestDout * largestW);
          }
          case "dw" -> ceiling(positions, positions * largestDout * largestX);
          case "db" -> ceiling(positions, positions * largestDout);
          default ->
              throw new IllegalArgumentException("a convolution computes no tensor " + tensor);
        };
    return ElementBounds.withCeiling(bound, index -> bound);
  }

  /**
   * Above every element's bound: the most terms an element sums, each as large as the largest
   * magnitudes make it.
   */
  private static double ceiling(int terms, double magnitudes) {
    return SumErrorBound.of(terms, magnitudes) * CEILING_MARGIN;
  }

  private double out(int index) {
    int j = index % g.outWidth();
    int i = index / g.outWidth() % g.outHeight();
    int f = index / (g.outWidth() * g.outHeight()) % g.f();
    int n = index / (g.outWidth() * g.outHeight() * g.f());
    double magnitudes = Math.abs(b.get(f));
    int terms = 1;
    for (int c = 0; c < g.c(); c++) {
      for (int p = 0; p < g.hh(); p++) {
        int row = i * g.stride() + p - g.pad();
        if (row < 0 || row >= g.h()) {
          continue;
        }
        for (int q = 0; q < g.ww(); q++) {
          int col = j * g.stride() + q - g.pad();
          if (col >= 0 && col < g.w()) {
            magnitudes +=
                Math.abs(x.get(xIndex(n, c, row, col))) * Math.abs(w.get(wIndex(f, c, p, q)));
            terms++;
          }
        }
      }
    }
    return SumErrorBound.of(terms, magnitudes);
  }

  private double dx(int index) {
    int col = index % g.w();
    int row = index / g.w() % g.h();
    int c = index / (g.w() * g.h()) % g.c();
    int n = index / (g.w() * g.h() * g.c());
    double magnitudes = 0;
    int terms = 0;
    for (int f = 0; f < g.f(); f++) {
      for (int p = 0; p < g.hh(); p++) {
        int i = outputPosition(row + g.pad() - p, g.outHeight());
        if (i < 0) {
          continue;
        }
        for (int q = 0; q < g.ww(); q++) {
          int j = outputPosition(col + g.pad() - q, g.outWidth());
          if (j >= 0) {
            magnitudes +=
                Math.abs(dout.get(outIndex(n, f, i, j))) * Math.abs(w.get(wIndex(f, c, p, q)));
            terms++;
          }
        }
      }
    }
    return SumErrorBound.of(terms, magnitudes);
  }

  /** The output row (or column) whose window starts {@code offset} before, or -1 if none. */
  private int outputPosition(int offset, int size) {
    if (offset < 0 || offset % g.stride() != 0 || offset / g.stride() >= size) {
      return -1;
    }
    return offset / g.stride();
  }

  private double dw(int index) {
    int q = index % g.ww();
    int p = index / g.ww() % g.hh();
    int c = index / (g.ww() * g.hh()) % g.c();
    int f = index / (g.ww() * g.hh() * g.c());
    double magnitudes = 0;
    int terms = 0;
    for (int n = 0; n < g.n(); n++) {
      for (int i = 0; i < g.outHeight(); i++) {
        int row = i * g.stride() + p - g.pad();
        if (row < 0 || row >= g.h()) {
          continue;
        }
        for (int j = 0; j < g.outWidth(); j++) {
          int col = j * g.stride() + q - g.pad();
          if (col >= 0 && col < g.w()) {
            magnitudes +=
                Math.abs(dout.get(outIndex(n, f, i, j))) * Math.abs(x.get(xIndex(n, c, row, col)));
            terms++;
          }
        }
      }
    }
    return SumErrorBound.of(terms, magnitudes);
  }

  private double db(int f) {
    double magnitudes = 0;
    int positions = g.outHeight() * g.outWidth();
    for (int n = 0; n < g.n(); n++) {
      int start = outIndex(n, f, 0, 0);
      for (int k = start; k < start + positions; k++) {
        magnitudes += Math.abs(dout.get(k));
      }
    }
    return SumErrorBound.of(g.n() * positions, magnitudes);
  }

  private int xIndex(int n, int c, int row, int col) {
    return ((n * g.c() + c) * g.h() + row) * g.w() + col;
  }

  private int wIndex(int f, int c, int p, int q) {
    return ((f * g.c() + c) * g.hh() + p) * g.ww() + q;
  }

  private int outIndex(int n, int f, int i, int j) {
    return ((n * g.f() + f) * g.outHeight() + i) * g.outWidth() + j;
  }
}
