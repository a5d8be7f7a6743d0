package org.cnngrader.reference;

import org.cnngrader.layers.maxpool2d.PoolGeometry;
import org.cnngrader.tensor.Tensor;

/** Pooling by the definition, in plain loops, to check ND4J's ops against. */
final class PlainPooling {

  private PlainPooling() {}

  static Tensor max(Tensor x, PoolGeometry g) {
    double[] out = new double[g.outShape().size()];
    int o = 0;
    for (int n = 0; n < g.n(); n++) {
      for (int c = 0; c < g.c(); c++) {
        for (int i = 0; i < g.outHeight(); i++) {
          for (int j = 0; j < g.outWidth(); j++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int p = 0; p < g.poolHeight(); p++) {
              for (int q = 0; q < g.poolWidth(); q++) {
                max = Math.max(max, x.get(index(g, n, c, i * g.stride() + p, j * g.stride() + q)));
              }
            }
            out[o++] = max;
          }
        }
      }
    }
    return new Tensor(g.outShape(), out);
  }

  static Tensor average(Tensor x, PoolGeometry g) {
    double[] out = new double[g.outShape().size()];
    int o = 0;
    for (int n = 0; n < g.n(); n++) {
      for (int c = 0; c < g.c(); c++) {
        for (int i = 0; i < g.outHeight(); i++) {
          for (int j = 0; j < g.outWidth(); j++) {
            double sum = 0;
            for (int p = 0; p < g.poolHeight(); p++) {
              for (int q = 0; q < g.poolWidth(); q++) {
                sum += x.get(index(g, n, c, i * g.stride() + p, j * g.stride() + q));
              }
            }
            out[o++] = sum / (g.poolHeight() * g.poolWidth());
          }
        }
      }
    }
    return new Tensor(g.outShape(), out);
  }

  /** dx: each window's dout added at its first maximum, row-major. */
  static Tensor maxBackward(Tensor x, Tensor dout, PoolGeometry g) {
    double[] dx = new double[g.xShape().size()];
    int o = 0;
    for (int n = 0; n < g.n(); n++) {
      for (int c = 0; c < g.c(); c++) {
        for (int i = 0; i < g.outHeight(); i++) {
          for (int j = 0; j < g.outWidth(); j++) {
            int best = -1;
            for (int p = 0; p < g.poolHeight(); p++) {
              for (int q = 0; q < g.poolWidth(); q++) {
                int at = index(g, n, c, i * g.stride() + p, j * g.stride() + q);
                if (best < 0 || x.get(at) > x.get(best)) {
                  best = at;
                }
              }
            }
            dx[best] += dout.get(o++);
          }
        }
      }
    }
    return new Tensor(g.xShape(), dx);
  }

  /** dx of average pooling: each window's dout divided over its elements. */
  static Tensor averageBackward(Tensor dout, PoolGeometry g) {
    double[] dx = new double[g.xShape().size()];
    int size = g.poolHeight() * g.poolWidth();
    int o = 0;
    for (int n = 0; n < g.n(); n++) {
      for (int c = 0; c < g.c(); c++) {
        for (int i = 0; i < g.outHeight(); i++) {
          for (int j = 0; j < g.outWidth(); j++) {
            double share = dout.get(o++) / size;
            for (int p = 0; p < g.poolHeight(); p++) {
              for (int q = 0; q < g.poolWidth(); q++) {
                dx[index(g, n, c, i * g.stride() + p, j * g.stride() + q)] += share;
              }
            }
          }
        }
      }
    }
    return new Tensor(g.xShape(), dx);
  }

  private static int index(PoolGeometry g, int n, int c, int row, int col) {
    return ((n * g.c() + c) * g.h() + row) * g.w() + col;
  }
}
