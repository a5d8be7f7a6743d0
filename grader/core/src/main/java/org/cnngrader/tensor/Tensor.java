package org.cnngrader.tensor;

import java.nio.DoubleBuffer;
import java.util.Arrays;

/** A dense tensor of doubles, stored flat in row-major order. */
// Arrays on purpose: the array is copied in and out, and equals and hashCode compare contents.
@SuppressWarnings("ArrayRecordComponent")
public record Tensor(Shape shape, double[] data) {

  public Tensor {
    if (shape == null) {
      throw new IllegalArgumentException("a tensor needs a shape");
    }
    if (data == null || data.length != shape.size()) {
      throw new IllegalArgumentException(
          "shape "
              + shape
              + " holds "
              + shape.size()
              + " values, found "
              + (data == null ? "none" : String.valueOf(data.length)));
    }
    data = data.clone();
  }

  @Override
  public double[] data() {
    return data.clone();
  }

  /** The values in row-major order, read-only and not copied (a case's inputs are large). */
  public DoubleBuffer values() {
    return DoubleBuffer.wrap(data).asReadOnlyBuffer();
  }

  public double get(int flat) {
    return data[flat];
  }

  /** The largest magnitude of an element: 0 for a tensor without elements. */
  public double largestMagnitude() {
    double largest = 0;
    for (double value : data) {
      largest = Math.max(largest, Math.abs(value));
    }
    return largest;
  }

  public int size() {
    return data.length;
  }

  /**
   * The tensor as nested Java arrays of its rank: double[] for rank 1, double[][][][] for rank 4.
   */
  public Object toNested() {
    return nest(shape.dims(), 0, new int[] {0});
  }

  private Object nest(int[] dims, int axis, int[] next) {
    if (axis == dims.length - 1) {
      double[] row = Arrays.copyOfRange(data, next[0], next[0] + dims[axis]);
      next[0] += dims[axis];
      return row;
    }
    Object[] rows = newRows(dims.length - axis, dims[axis]);
    for (int i = 0; i < rows.length; i++) {
      rows[i] = nest(dims, axis + 1, next);
    }
    return rows;
  }

  private static Object[] newRows(int rank, int length) {
    return switch (rank) {
      case 2 -> new double[length][];
      case 3 -> new double[length][][];
      case 4 -> new double[length][][][];
      case 5 -> new double[length][][][][];
      default -> throw new IllegalArgumentException("unsupported rank " + rank);
    };
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Tensor tensor
        && shape.equals(tensor.shape)
        && Arrays.equals(data, tensor.data);
  }

  @Override
  public int hashCode() {
    return 31 * shape.hashCode() + Arrays.hashCode(data);
  }

  @Override
  public String toString() {
    return "Tensor" + shape;
  }
}
