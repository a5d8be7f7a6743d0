package org.cnngrader.reference;

import java.util.function.ToDoubleFunction;
import org.cnngrader.fixture.Fixture;
import org.cnngrader.layers.conv2d.ConvGeometry;
import org.cnngrader.tensor.Tensor;

/**
 * Correct convolutions that add the same products in other orders than ND4J does, as students'
 * solutions may: every element's terms summed backwards, pairwise, in four interleaved lanes (as
 * vectorised code does) or with compensation (Neumaier), and im2col with a matrix product.
 */
final class OtherSummationOrders {

  /** A way to add up one element's terms, given in the lesson's loop order. */
  enum Summation {
    REVERSED {
      @Override
      double sum(double[] terms, int count) {
        double sum = 0;
        for (int k = count - 1; k >= 0; k--) {
          sum += terms[k];
        }
        return sum;
      }
    },
    PAIRWISE {
      @Override
      double sum(double[] terms, int count) {
        return count == 0 ? 0 : pairwise(terms, 0, count);
      }

      private double pairwise(double[] terms, int from, int to) {
        if (to - from == 1) {
          return terms[from];
        }
        int middle = (from + to) >>> 1;
        return pairwise(terms, from, middle) + pairwise(terms, middle, to);
      }
    },
    FOUR_LANES {
      @Override
      double sum(double[] terms, int count) {
        double[] lanes = new double[4];
        for (int k = 0; k < count; k++) {
          lanes[k % 4] += terms[k];
        }
        return (lanes[0] + lanes[2]) + (lanes[1] + lanes[3]);
      }
    },
    COMPENSATED {
      @Override
      double sum(double[] terms, int count) {
        double sum = 0;
        double compensation = 0;
        for (int k = 0; k < count; k++) {
          double t = sum + terms[k];
          compensation +=
              Math.abs(sum) >= Math.abs(terms[k]) ? (sum - t) + terms[k] : (terms[k] - t) + sum;
          sum = t;
        }
        return sum + compensation;
      }
    };

    abstract double sum(double[] terms, int count);
  }

  /** The four results of one case. */
  record Results(Tensor out, Tensor dx, Tensor dw, Tensor db) {
    Tensor tensor(String name) {
      return switch (name) {
        case "out" -> out;
        case "dx" -> dx;
        case "dw" -> dw;
        case "db" -> db;
        default -> throw new IllegalArgumentException(name);
      };
    }
  }

  private OtherSummationOrders() {}

  /** Every element gathers its terms in the lesson's order, then adds them up with {@code how}. */
  static Results gathered(Fixture fixture, Summation how) {
    ConvTensors.Inputs in = ConvTensors.Inputs.of(fixture);
    ConvGeometry g = ConvGeometry.of(fixture.setting());
    int longest = Math.max(g.c() * g.hh() * g.ww() + 1, g.f() * g.hh() * g.ww());
    longest = Math.max(longest, g.n() * g.outHeight() * g.outWidth());
    double[] terms = new double[longest];
    Tensor out =
        each(
            g.outShape().size(),
            o -> {
              int j = o % g.outWidth();
              int i = o / g.outWidth() % g.outHeight();
              int f = o / (g.outWidth() * g.outHeight()) % g.f();
              int n = o / (g.outWidth() * g.outHeight() * g.f());
              int count = 0;
              for (int c = 0; c < g.c(); c++) {
                for (int p = 0; p < g.hh(); p++) {
                  for (int q = 0; q < g.ww(); q++) {
                    int row = i * g.stride() + p - g.pad();
                    int col = j * g.stride() + q - g.pad();
                    if (row >= 0 && row < g.h() && col >= 0 && col < g.w()) {
                      terms[count++] =
                          in.x().get(x(g, n, c, row, col)) * in.w().get(w(g, f, c, p, q));
                    }
                  }
                }
              }
              terms[count++] = in.b().get(f);
              return how.sum(terms, count);
            });
    Tensor dx =
        each(
            g.xShape().size(),
            k -> {
              int col = k % g.w();
              int row = k / g.w() % g.h();
              int c = k / (g.w() * g.h()) % g.c();
              int n = k / (g.w() * g.h() * g.c());
              int count = 0;
              for (int f = 0; f < g.f(); f++) {
                for (int p = 0; p < g.hh(); p++) {
                  for (int q = 0; q < g.ww(); q++) {
                    int di = row + g.pad() - p;
                    int dj = col + g.pad() - q;
                    if (di >= 0
                        && dj >= 0
                        && di % g.stride() == 0
                        && dj % g.stride() == 0
                        && di / g.stride() < g.outHeight()
                        && dj / g.stride() < g.outWidth()) {
                      terms[count++] =
                          in.dout().get(out(g, n, f, di / g.stride(), dj / g.stride()))
                              * in.w().get(w(g, f, c, p, q));
                    }
                  }
                }
              }
              return how.sum(terms, count);
            });
    Tensor dw =
        each(
            g.wShape().size(),
            k -> {
              int q = k % g.ww();
              int p = k / g.ww() % g.hh();
              int c = k / (g.ww() * g.hh()) % g.c();
              int f = k / (g.ww() * g.hh() * g.c());
              int count = 0;
              for (int n = 0; n < g.n(); n++) {
                for (int i = 0; i < g.outHeight(); i++) {
                  for (int j = 0; j < g.outWidth(); j++) {
                    int row = i * g.stride() + p - g.pad();
                    int col = j * g.stride() + q - g.pad();
                    if (row >= 0 && row < g.h() && col >= 0 && col < g.w()) {
                      terms[count++] =
                          in.dout().get(out(g, n, f, i, j)) * in.x().get(x(g, n, c, row, col));
                    }
                  }
                }
              }
              return how.sum(terms, count);
            });
    Tensor db =
        each(
            g.f(),
            f -> {
              int count = 0;
              for (int n = 0; n < g.n(); n++) {
                for (int i = 0; i < g.outHeight(); i++) {
                  for (int j = 0; j < g.outWidth(); j++) {
                    terms[count++] = in.dout().get(out(g, n, f, i, j));
                  }
                }
              }
              return how.sum(terms, count);
            });
    return new Results(
        reshape(out, g.outShape()),
        reshape(dx, g.xShape()),
        reshape(dw, g.wShape()),
        reshape(db, g.bShape()));
  }

  /**
   * im2col and a matrix product: the windows become the columns of a matrix, each filter a row,
   * forward is W * cols + b, dw is dout * cols^T, and dx scatters W^T * dout back into the windows
   * (col2im).
   */
  static Results im2col(Fixture fixture) {
    ConvTensors.Inputs in = ConvTensors.Inputs.of(fixture);
    ConvGeometry g = ConvGeometry.of(fixture.setting());
    int rows = g.c() * g.hh() * g.ww();
    int positions = g.n() * g.outHeight() * g.outWidth();
    double[][] cols = new double[rows][positions];
    for (int n = 0; n < g.n(); n++) {
      for (int i = 0; i < g.outHeight(); i++) {
        for (int j = 0; j < g.outWidth(); j++) {
          int column = (n * g.outHeight() + i) * g.outWidth() + j;
          for (int r = 0; r < rows; r++) {
            int q = r % g.ww();
            int p = r / g.ww() % g.hh();
            int c = r / (g.ww() * g.hh());
            int row = i * g.stride() + p - g.pad();
            int col = j * g.stride() + q - g.pad();
            if (row >= 0 && row < g.h() && col >= 0 && col < g.w()) {
              cols[r][column] = in.x().get(x(g, n, c, row, col));
            }
          }
        }
      }
    }
    double[] out = new double[g.outShape().size()];
    double[] dw = new double[g.wShape().size()];
    double[] db = new double[g.f()];
    double[][] dcols = new double[rows][positions];
    for (int f = 0; f < g.f(); f++) {
      for (int column = 0; column < positions; column++) {
        int n = column / (g.outHeight() * g.outWidth());
        int ij = column % (g.outHeight() * g.outWidth());
        int o = (n * g.f() + f) * g.outHeight() * g.outWidth() + ij;
        double dot = 0;
        for (int r = 0; r < rows; r++) {
          dot += in.w().get(f * rows + r) * cols[r][column];
        }
        out[o] = dot + in.b().get(f);
        double upstream = in.dout().get(o);
        db[f] += upstream;
        for (int r = 0; r < rows; r++) {
          dw[f * rows + r] += upstream * cols[r][column];
          dcols[r][column] += in.w().get(f * rows + r) * upstream;
        }
      }
    }
    double[] dx = new double[g.xShape().size()];
    for (int r = 0; r < rows; r++) {
      int q = r % g.ww();
      int p = r / g.ww() % g.hh();
      int c = r / (g.ww() * g.hh());
      for (int column = 0; column < positions; column++) {
        int j = column % g.outWidth();
        int i = column / g.outWidth() % g.outHeight();
        int n = column / (g.outWidth() * g.outHeight());
        int row = i * g.stride() + p - g.pad();
        int col = j * g.stride() + q - g.pad();
        if (row >= 0 && row < g.h() && col >= 0 && col < g.w()) {
          dx[x(g, n, c, row, col)] += dcols[r][column];
        }
      }
    }
    return new Results(
        new Tensor(g.outShape(), out),
        new Tensor(g.xShape(), dx),
        new Tensor(g.wShape(), dw),
        new Tensor(g.bShape(), db));
  }

  private static Tensor each(int size, ToDoubleFunction<Integer> element) {
    double[] values = new double[size];
    for (int k = 0; k < size; k++) {
      values[k] = element.applyAsDouble(k);
    }
    return new Tensor(org.cnngrader.tensor.Shape.of(size), values);
  }

  private static Tensor reshape(Tensor flat, org.cnngrader.tensor.Shape shape) {
    return new Tensor(shape, flat.data());
  }

  private static int x(ConvGeometry g, int n, int c, int row, int col) {
    return ((n * g.c() + c) * g.h() + row) * g.w() + col;
  }

  private static int w(ConvGeometry g, int f, int c, int p, int q) {
    return ((f * g.c() + c) * g.hh() + p) * g.ww() + q;
  }

  private static int out(ConvGeometry g, int n, int f, int i, int j) {
    return ((n * g.f() + f) * g.outHeight() + i) * g.outWidth() + j;
  }
}
