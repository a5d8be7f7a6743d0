package org.cnngrader.layer;

/**
 * The lesson's output size, for every layer that slides a window: along a dimension of size W, a
 * window of F with P zeros of padding on each side and a stride of S gives (W - F + 2P)/S + 1
 * outputs. Convolution and pooling (P = 0) both compute it here.
 */
public final class OutputSize {

  private OutputSize() {}

  /** (W - F + 2P)/S + 1, rounded as Java divides; meaningful when {@link #fits} holds. */
  public static int of(int size, int window, int pad, int stride) {
    checkStride(stride);
    return (size - window + 2 * pad) / stride + 1;
  }

  /** Whether W - F + 2P is a non-negative multiple of S: the windows tile the padded input. */
  public static boolean fits(int size, int window, int pad, int stride) {
    checkStride(stride);
    int room = size - window + 2 * pad;
    return room >= 0 && room % stride == 0;
  }

  private static void checkStride(int stride) {
    if (stride < 1) {
      throw new IllegalArgumentException("stride must be at least 1, found " + stride);
    }
  }
}
