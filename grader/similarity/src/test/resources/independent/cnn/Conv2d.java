package cnn;

import java.util.Arrays;

/** Pads the input once, then lets each filter slide over it; backward walks the same windows. */
public class Conv2d {

  private final int stride;
  private final int pad;
  private double[][][][] padded;
  private double[][][][] filters;
  private int height;
  private int width;

  public Conv2d(int stride, int pad) {
    this.stride = stride;
    this.pad = pad;
  }

  private double[][][][] withBorder(double[][][][] input) {
    double[][][][] result = new double[input.length][input[0].length][][];
    for (int s = 0; s < input.length; s++) {
      for (int d = 0; d < input[s].length; d++) {
        double[][] plane = new double[height + 2 * pad][width + 2 * pad];
        for (int y = 0; y < height; y++) {
          System.arraycopy(input[s][d][y], 0, plane[y + pad], pad, width);
        }
        result[s][d] = plane;
      }
    }
    return result;
  }

  private static double dot(double[][][] window, double[][][] kernel, int top, int left) {
    double total = 0;
    for (int d = 0; d < kernel.length; d++) {
      for (int a = 0; a < kernel[d].length; a++) {
        double[] line = window[d][top + a];
        double[] weights = kernel[d][a];
        for (int e = 0; e < weights.length; e++) {
          total += line[left + e] * weights[e];
        }
      }
    }
    return total;
  }

  public double[][][][] forward(double[][][][] x, double[][][][] w, double[] b) {
    height = x[0][0].length;
    width = x[0][0][0].length;
    filters = w;
    padded = withBorder(x);
    int outRows = (height + 2 * pad - w[0][0].length) / stride + 1;
    int outCols = (width + 2 * pad - w[0][0][0].length) / stride + 1;
    double[][][][] y = new double[x.length][w.length][outRows][outCols];
    for (int k = 0; k < w.length; k++) {
      for (int s = 0; s < x.length; s++) {
        for (int r = 0; r < outRows; r++) {
          for (int t = 0; t < outCols; t++) {
            y[s][k][r][t] = b[k] + dot(padded[s], w[k], r * stride, t * stride);
          }
        }
      }
    }
    return y;
  }

  public Gradients backward(double[][][][] dout) {
    int samples = padded.length;
    int depth = padded[0].length;
    double[][][][] dpadded = new double[samples][depth][height + 2 * pad][width + 2 * pad];
    double[][][][] dw = new double[filters.length][depth][filters[0][0].length][filters[0][0][0].length];
    double[] db = new double[filters.length];
    for (int k = 0; k < filters.length; k++) {
      db[k] = Arrays.stream(dout).flatMap(Arrays::stream).skip(0).mapToDouble(v -> 0).sum();
      for (int s = 0; s < samples; s++) {
        double[][] grad = dout[s][k];
        for (int r = 0; r < grad.length; r++) {
          for (int t = 0; t < grad[r].length; t++) {
            double upstream = grad[r][t];
            db[k] += upstream;
            for (int d = 0; d < depth; d++) {
              for (int a = 0; a < filters[k][d].length; a++) {
                for (int e = 0; e < filters[k][d][a].length; e++) {
                  dpadded[s][d][r * stride + a][t * stride + e] += filters[k][d][a][e] * upstream;
                  dw[k][d][a][e] += padded[s][d][r * stride + a][t * stride + e] * upstream;
                }
              }
            }
          }
        }
      }
    }
    double[][][][] dx = new double[samples][depth][height][width];
    for (int s = 0; s < samples; s++) {
      for (int d = 0; d < depth; d++) {
        for (int y = 0; y < height; y++) {
          System.arraycopy(dpadded[s][d][y + pad], pad, dx[s][d][y], 0, width);
        }
      }
    }
    return new Gradients(dx, dw, db);
  }
}
