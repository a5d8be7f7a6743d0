package org.cnngrader.layers.maxpool2d;

import org.cnngrader.layer.OutputSize;
import org.cnngrader.layer.Params;
import org.cnngrader.layer.Setting;
import org.cnngrader.tensor.Shape;
import org.cnngrader.tensor.Tensor;

/**
 * The sizes of one max pooling: input x[N][C][H][W], a pool_height x pool_width window that moves
 * stride steps at a time, no padding. It knows the output size, (H - pool_height)/stride + 1, and
 * whether the window fits the input a whole number of times.
 */
public record PoolGeometry(int n, int c, int h, int w, int poolHeight, int poolWidth, int stride) {

  public PoolGeometry {
    if (n < 1 || c < 1 || h < 1 || w < 1 || poolHeight < 1 || poolWidth < 1 || stride < 1) {
      throw new IllegalArgumentException(
          String.format(
              "every size must be at least 1, found N=%d C=%d H=%d W=%d pool_height=%d"
                  + " pool_width=%d stride=%d",
              n, c, h, w, poolHeight, poolWidth, stride));
    }
  }

  /** The geometry of an input shape and a case's parameters. */
  public static PoolGeometry of(Shape x, Params params) {
    if (x.rank() != 4) {
      throw new IllegalArgumentException("x must have rank 4, found " + x);
    }
    return new PoolGeometry(
        x.dim(0),
        x.dim(1),
        x.dim(2),
        x.dim(3),
        params.integer("pool_height"),
        params.integer("pool_width"),
        params.integer("stride"));
  }

  public static PoolGeometry of(Setting setting) {
    return of(setting.shape("x"), setting.params());
  }

  /** True when (H - pool_height) and (W - pool_width) are non-negative multiples of the stride. */
  public boolean fits() {
    return OutputSize.fits(h, poolHeight, 0, stride) && OutputSize.fits(w, poolWidth, 0, stride);
  }

  /** Whether a window shares elements with the next one: the stride is below the pool size. */
  public boolean overlaps() {
    return stride < poolHeight || stride < poolWidth;
  }

  /**
   * The flat index in {@code x} of the first maximum, in row-major order, of the window of output
   * (n, c, i, j).
   */
  public int argmax(Tensor x, int n, int c, int i, int j) {
    int best = -1;
    for (int p = 0; p < poolHeight; p++) {
      for (int q = 0; q < poolWidth; q++) {
        int index = ((n * this.c + c) * h + i * stride + p) * w + j * stride + q;
        if (best < 0 || x.get(index) > x.get(best)) {
          best = index;
        }
      }
    }
    return best;
  }

  public int outHeight() {
    return OutputSize.of(h, poolHeight, 0, stride);
  }

  public int outWidth() {
    return OutputSize.of(w, poolWidth, 0, stride);
  }

  public Shape xShape() {
    return Shape.of(n, c, h, w);
  }

  public Shape outShape() {
    return Shape.of(n, c, outHeight(), outWidth());
  }
}
