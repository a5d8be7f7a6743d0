package org.cnngrader.reference;

import org.cnngrader.compare.SumErrorBound;
import org.cnngrader.layers.maxpool2d.PoolGeometry;
import org.cnngrader.tensor.Shape;
import org.cnngrader.tensor.Tensor;

/**
 * Plain loops over pooling windows, for what no ND4J op computes: ties, the mistake models that
 * route dout as no op does, and rounding bounds of sums over windows.
 */
final class PoolWindows {

  private PoolWindows() {}

  /** The flat index of x[n][c][row][col]. */
  private static int at(PoolGeometry g, int n, int c, int row, int col) {
    return ((n * g.c() + c) * g.h() + row) * g.w() + col;
  }

  private static int outAt(PoolGeometry g, int n, int c, int i, int j) {
    return ((n * g.c() + c) * g.outHeight() + i) * g.outWidth() + j;
  }

  /** The flat output index of the first window that holds its maximum twice, or -1. */
  static int firstTie(Tensor x, PoolGeometry g) {
    for (int n = 0; n < g.n(); n++) {
      for (int c = 0; c < g.c(); c++) {
        for (int i = 0; i < g.outHeight(); i++) {
          for (int j = 0; j < g.outWidth(); j++) {
            double max = x.get(g.argmax(x, n, c, i, j));
            int count = 0;
            for (int p = 0; p < g.poolHeight(); p++) {
              for (int q = 0; q < g.poolWidth(); q++) {
                if (x.get(at(g, n, c, i * g.stride() + p, j * g.stride() + q)) == max) {
                  count++;
                }
              }
            }
            if (count > 1) {
              return outAt(g, n, c, i, j);
            }
          }
        }
      }
    }
    return -1;
  }

  /** dx when each window's dout is assigned to its maximum, the later window winning. */
  static Tensor assigned(Tensor x, Tensor dout, PoolGeometry g) {
    double[] dx = new double[g.xShape().size()];
    forEachWindow(g, (n, c, i, j) -> dx[g.argmax(x, n, c, i, j)] = dout.get(outAt(g, n, c, i, j)));
    return new Tensor(g.xShape(), dx);
  }

  /** dx when each window's dout is added to every element of the window. */
  static Tensor spread(Tensor dout, PoolGeometry g) {
    double[] dx = new double[g.xShape().size()];
    forEachWindow(
        g,
        (n, c, i, j) -> {
          for (int p = 0; p < g.poolHeight(); p++) {
            for (int q = 0; q < g.poolWidth(); q++) {
              dx[at(g, n, c, i * g.stride() + p, j * g.stride() + q)] +=
                  dout.get(outAt(g, n, c, i, j));
            }
          }
        });
    return new Tensor(g.xShape(), dx);
  }

  /**
   * Each maximum as a search that starts at Double.MIN_VALUE finds it: the window's maximum, or
   * Double.MIN_VALUE where no element is above it (a window of values at most 0).
   */
  static Tensor atLeastMinValue(Tensor out) {
    double[] data = out.data();
    for (int i = 0; i < data.length; i++) {
      data[i] = Math.max(data[i], Double.MIN_VALUE);
    }
    return new Tensor(out.shape(), data);
  }

  /**
   * dout without the windows whose maximum is at most 0: a search that starts at Double.MIN_VALUE
   * finds no element there to pass the gradient to.
   */
  static Tensor withoutNegativeWindows(Tensor dout, Tensor out) {
    double[] data = dout.data();
    for (int i = 0; i < data.length; i++) {
      if (!(out.get(i) > Double.MIN_VALUE)) {
        data[i] = 0;
      }
    }
    return new Tensor(dout.shape(), data);
  }

  /** Each element divided by {@code size}. */
  static Tensor divided(Tensor t, int size) {
    double[] data = t.data();
    for (int i = 0; i < data.length; i++) {
      data[i] /= size;
    }
    return new Tensor(t.shape(), data);
  }

  static Tensor absolute(Tensor t) {
    double[] data = t.data();
    for (int i = 0; i < data.length; i++) {
      data[i] = Math.abs(data[i]);
    }
    return new Tensor(t.shape(), data);
  }

  /** The sum of each window of {@code x}, shaped like the output. */
  static Tensor windowSums(Tensor x, PoolGeometry g) {
    double[] sums = new double[g.outShape().size()];
    forEachWindow(
        g,
        (n, c, i, j) -> {
          double sum = 0;
          for (int p = 0; p < g.poolHeight(); p++) {
            for (int q = 0; q < g.poolWidth(); q++) {
              sum += x.get(at(g, n, c, i * g.stride() + p, j * g.stride() + q));
            }
          }
          sums[outAt(g, n, c, i, j)] = sum;
        });
    return new Tensor(g.outShape(), sums);
  }

  /**
   * The bound of a dx that adds, at each element, {@code scale} times the dout of (some of) the
   * windows that hold it: {@link SumErrorBound} over all of them.
   */
  static Tensor sumBounds(Tensor dout, PoolGeometry g, double scale) {
    double[] magnitudes = new double[g.xShape().size()];
    int[] terms = new int[magnitudes.length];
    forEachWindow(
        g,
        (n, c, i, j) -> {
          double d = Math.abs(dout.get(outAt(g, n, c, i, j))) * scale;
          for (int p = 0; p < g.poolHeight(); p++) {
            for (int q = 0; q < g.poolWidth(); q++) {
              int index = at(g, n, c, i * g.stride() + p, j * g.stride() + q);
              magnitudes[index] += d;
              terms[index]++;
            }
          }
        });
    double[] bounds = new double[magnitudes.length];
    for (int i = 0; i < bounds.length; i++) {
      // One term is exact when it is dout itself; scaled, it is rounded once.
      bounds[i] =
          terms[i] == 0 || (terms[i] == 1 && scale == 1)
              ? 0
              : SumErrorBound.of(Math.max(terms[i], 1), magnitudes[i]);
    }
    return new Tensor(g.xShape(), bounds);
  }

  /** The top left {@code shape} of a larger output. */
  static Tensor crop(Tensor full, Shape shape) {
    double[] data = new double[shape.size()];
    int fullH = full.shape().dim(2);
    int fullW = full.shape().dim(3);
    for (int index = 0; index < data.length; index++) {
      int[] at = shape.unflatten(index);
      data[index] = full.get(((at[0] * shape.dim(1) + at[1]) * fullH + at[2]) * fullW + at[3]);
    }
    return new Tensor(shape, data);
  }

  /** {@code small} at the top left of zeros of {@code shape}. */
  static Tensor embed(Tensor small, Shape shape) {
    double[] data = new double[shape.size()];
    Shape s = small.shape();
    for (int index = 0; index < s.size(); index++) {
      int[] at = s.unflatten(index);
      data[((at[0] * shape.dim(1) + at[1]) * shape.dim(2) + at[2]) * shape.dim(3) + at[3]] =
          small.get(index);
    }
    return new Tensor(shape, data);
  }

  private interface Window {
    void visit(int n, int c, int i, int j);
  }

  private static void forEachWindow(PoolGeometry g, Window window) {
    for (int n = 0; n < g.n(); n++) {
      for (int c = 0; c < g.c(); c++) {
        for (int i = 0; i < g.outHeight(); i++) {
          for (int j = 0; j < g.outWidth(); j++) {
            window.visit(n, c, i, j);
          }
        }
      }
    }
  }
}
