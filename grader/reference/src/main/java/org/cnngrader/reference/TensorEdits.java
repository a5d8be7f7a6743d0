package org.cnngrader.reference;

import org.cnngrader.tensor.Shape;
import org.cnngrader.tensor.Tensor;

/**
 * Rearrangements of rank-4 tensors that turn a case's inputs into those of a layer with a known
 * mistake: zero padding on one side, channel and image slices, a rotated or transposed kernel, a
 * scaled bias. The convolutions themselves are ND4J's.
 */
final class TensorEdits {

  private TensorEdits() {}

  /**
   * The tensor resized over its last two axes to {@code rows} x {@code cols}, anchored at the top
   * left: rows and columns beyond the original are zeros, those beyond the new size are dropped.
   */
  static Tensor topLeft(Tensor t, int rows, int cols) {
    int[] dims = t.shape().dims();
    int outer = dims[0] * dims[1];
    int h = dims[2];
    int w = dims[3];
    double[] from = t.data();
    double[] to = new double[outer * rows * cols];
    for (int o = 0; o < outer; o++) {
      for (int i = 0; i < Math.min(h, rows); i++) {
        System.arraycopy(from, (o * h + i) * w, to, (o * rows + i) * cols, Math.min(w, cols));
      }
    }
    return new Tensor(Shape.of(dims[0], dims[1], rows, cols), to);
  }

  /** Indices {@code from} (inclusive) to {@code to} (exclusive) of axis 0 or 1. */
  static Tensor slice(Tensor t, int axis, int from, int to) {
    int[] dims = t.shape().dims();
    int[] sliced = dims.clone();
    sliced[axis] = to - from;
    double[] out = new double[new Shape(sliced).size()];
    int inner = block(dims, axis);
    int outer = axis == 0 ? 1 : dims[0];
    double[] data = t.data();
    for (int o = 0; o < outer; o++) {
      System.arraycopy(
          data,
          (o * dims[axis] + from) * inner,
          out,
          o * sliced[axis] * inner,
          sliced[axis] * inner);
    }
    return new Tensor(new Shape(sliced), out);
  }

  /** Zeros of {@code size} along axis 0 or 1, with {@code t} (size 1 there) at index {@code at}. */
  static Tensor embed(Tensor t, int axis, int at, int size) {
    int[] dims = t.shape().dims();
    int[] grown = dims.clone();
    grown[axis] = size;
    double[] out = new double[new Shape(grown).size()];
    int inner = block(dims, axis);
    int outer = axis == 0 ? 1 : dims[0];
    double[] data = t.data();
    for (int o = 0; o < outer; o++) {
      System.arraycopy(data, o * dims[axis] * inner, out, (o * size + at) * inner, inner);
    }
    return new Tensor(new Shape(grown), out);
  }

  /** Every slice over the last two axes rotated by 180 degrees: [p][q] becomes [HH-1-p][WW-1-q]. */
  static Tensor rotate180(Tensor t) {
    int[] dims = t.shape().dims();
    int slice = dims[2] * dims[3];
    double[] data = t.data();
    double[] out = new double[data.length];
    for (int start = 0; start < data.length; start += slice) {
      for (int k = 0; k < slice; k++) {
        out[start + k] = data[start + slice - 1 - k];
      }
    }
    return new Tensor(t.shape(), out);
  }

  /** Every slice over the last two axes transposed: [i][j] becomes [j][i]. */
  static Tensor transpose(Tensor t) {
    int[] dims = t.shape().dims();
    int h = dims[2];
    int w = dims[3];
    double[] data = t.data();
    double[] out = new double[data.length];
    for (int start = 0; start < data.length; start += h * w) {
      for (int i = 0; i < h; i++) {
        for (int j = 0; j < w; j++) {
          out[start + j * h + i] = data[start + i * w + j];
        }
      }
    }
    return new Tensor(Shape.of(dims[0], dims[1], w, h), out);
  }

  /** Every value times {@code factor}. */
  static Tensor times(Tensor t, double factor) {
    double[] data = t.data();
    for (int i = 0; i < data.length; i++) {
      data[i] *= factor;
    }
    return new Tensor(t.shape(), data);
  }

  /** The number of values in one index of {@code axis}: the product of the later dimensions. */
  private static int block(int[] dims, int axis) {
    int block = 1;
    for (int i = axis + 1; i < dims.length; i++) {
      block *= dims[i];
    }
    return block;
  }
}
