package cnn;

/**
 * A correct Conv2d that floods every output the grader writes: each forward prints a million
 * characters, and throws a message of a million characters on every case but the large one, whose
 * backward throws its whole input, as a debugging student might.
 */
public class Conv2d {

  private final int stride;
  private final int pad;
  private double[][][][] x;
  private double[][][][] w;

  public Conv2d(int stride, int pad) {
    this.stride = stride;
    this.pad = pad;
  }

  public double[][][][] forward(double[][][][] x, double[][][][] w, double[] b) {
    this.x = x;
    System.out.print("y".repeat(1_000_000));
    if (x.length * x[0].length * x[0][0].length * x[0][0][0].length < 65536) {
      throw new IllegalStateException("m".repeat(1_000_000));
    }
    this.w = w;
    int n = x.length;
    int c = x[0].length;
    int h = x[0][0].length;
    int wd = x[0][0][0].length;
    int f = w.length;
    int hh = w[0][0].length;
    int ww = w[0][0][0].length;
    int ho = (h - hh + 2 * pad) / stride + 1;
    int wo = (wd - ww + 2 * pad) / stride + 1;
    double[][][][] out = new double[n][f][ho][wo];
    for (int ni = 0; ni < n; ni++) {
      for (int fi = 0; fi < f; fi++) {
        for (int i = 0; i < ho; i++) {
          for (int j = 0; j < wo; j++) {
            double sum = b[fi];
            for (int ci = 0; ci < c; ci++) {
              for (int p = 0; p < hh; p++) {
                for (int q = 0; q < ww; q++) {
                  int row = i * stride + p - pad;
                  int col = j * stride + q - pad;
                  if (row >= 0 && row < h && col >= 0 && col < wd) {
                    sum += x[ni][ci][row][col] * w[fi][ci][p][q];
                  }
                }
              }
            }
            out[ni][fi][i][j] = sum;
          }
        }
      }
    }
    return out;
  }

  public Gradients backward(double[][][][] dout) {
    if (x.length * x[0].length * x[0][0].length * x[0][0][0].length >= 65536) {
      throw new IllegalStateException(java.util.Arrays.deepToString(x));
    }
    int n = x.length;
    int c = x[0].length;
    int h = x[0][0].length;
    int wd = x[0][0][0].length;
    int f = w.length;
    int hh = w[0][0].length;
    int ww = w[0][0][0].length;
    int ho = (h - hh + 2 * pad) / stride + 1;
    int wo = (wd - ww + 2 * pad) / stride + 1;
    double[][][][] dx = new double[n][c][h][wd];
    double[][][][] dw = new double[f][c][hh][ww];
    double[] db = new double[f];
    for (int ni = 0; ni < n; ni++) {
      for (int fi = 0; fi < f; fi++) {
        for (int i = 0; i < ho; i++) {
          for (int j = 0; j < wo; j++) {
            double g = dout[ni][fi][i][j];
            db[fi] += g;
            for (int ci = 0; ci < c; ci++) {
              for (int p = 0; p < hh; p++) {
                for (int q = 0; q < ww; q++) {
                  int row = i * stride + p - pad;
                  int col = j * stride + q - pad;
                  if (row >= 0 && row < h && col >= 0 && col < wd) {
                    dx[ni][ci][row][col] += w[fi][ci][p][q] * g;
                    dw[fi][ci][p][q] += x[ni][ci][row][col] * g;
                  }
                }
              }
            }
          }
        }
      }
    }
    return new Gradients(dx, dw, db);
  }
}
