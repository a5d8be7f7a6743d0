package org.cnngrader.tensor;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The dimensions of a tensor, outermost first; validated on construction. A scalar (a loss) has
 * rank 0: no dimensions and one element.
 */
// Arrays on purpose: the array is copied in and out, and equals and hashCode compare contents.
@SuppressWarnings("ArrayRecordComponent")
public record Shape(int[] dims) {

  public Shape {
    if (dims == null) {
      throw new IllegalArgumentException("a shape needs its dimensions");
    }
    dims = dims.clone();
    for (int i = 0; i < dims.length; i++) {
      if (dims[i] < 0) {
        throw new IllegalArgumentException(
            "dimension " + i + " must not be negative, found " + dims[i]);
      }
    }
  }

  public static Shape of(int... dims) {
    return new Shape(dims);
  }

  @Override
  public int[] dims() {
    return dims.clone();
  }

  public int rank() {
    return dims.length;
  }

  public int dim(int axis) {
    return dims[axis];
  }

  /** The number of elements, refusing shapes whose size does not fit an int. */
  public int size() {
    long size = 1;
    for (int dim : dims) {
      size *= dim;
      if (size > Integer.MAX_VALUE) {
        throw new IllegalArgumentException("shape " + this + " has too many elements");
      }
    }
    return (int) size;
  }

  /** The multi-index of a flat row-major position. */
  public int[] unflatten(int flat) {
    int[] index = new int[dims.length];
    for (int axis = dims.length - 1; axis >= 0; axis--) {
      index[axis] = flat % dims[axis];
      flat /= dims[axis];
    }
    return index;
  }

  /** An index written as Java would access it, e.g. {@code [0][2][1][3]}. */
  public static String format(int[] index) {
    return Arrays.stream(index).mapToObj(i -> "[" + i + "]").collect(Collectors.joining());
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Shape shape && Arrays.equals(dims, shape.dims);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(dims);
  }

  /** Written as {@code [2, 3, 5, 5]}. */
  @Override
  public String toString() {
    return Arrays.toString(dims);
  }
}
