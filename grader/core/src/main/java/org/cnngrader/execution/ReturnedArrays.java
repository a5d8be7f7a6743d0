package org.cnngrader.execution;

import java.io.DataInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.DoubleBuffer;
import org.cnngrader.runner.Wire;
import org.cnngrader.tensor.NestedArray;
import org.cnngrader.tensor.Shape;
import org.cnngrader.tensor.Tensor;

/**
 * Reads an array the student's code returned, as {@link Wire#writeArray} sent it, straight into
 * what {@link NestedArray#inspect} makes of the nested array: the values of a regular array go into
 * one flat array as they arrive (no row is built, nothing is flattened afterwards); the first null
 * or ragged row is described as inspect describes it, and the rest is read past. The same bound on
 * elements holds as for {@link Wire#readArray}. Float and int arrays arrive as doubles (the child
 * casts them), which hold each of their values exactly.
 */
final class ReturnedArrays {

  private static final int CHUNK_DOUBLES = 4096;

  private final byte[] bytes = new byte[CHUNK_DOUBLES * Double.BYTES];
  private final DoubleBuffer doubles = ByteBuffer.wrap(bytes).asDoubleBuffer();

  /**
   * Reads one array of {@code rank}; {@code name} labels indices, as inspect's does. Rank 0 is a
   * double (a loss), sent as its raw bits: a tensor of shape [] holding it.
   */
  NestedArray read(DataInputStream in, int rank, String name) throws IOException {
    if (rank == 0) {
      double value = Double.longBitsToDouble(in.readLong());
      return new NestedArray.Regular(new Tensor(Shape.of(), new double[] {value}));
    }
    return new Reading(in, rank, name).read();
  }

  private final class Reading {
    private final DataInputStream in;
    private final String name;
    private final int[] dims;
    private final int[] path;
    private long budget = Wire.MAX_ELEMENTS;

    /** The values so far, while the array is regular; null before the first row's length. */
    private double[] data;

    private int filled;
    private NestedArray problem;

    Reading(DataInputStream in, int rank, String name) {
      this.in = in;
      this.name = name;
      this.dims = new int[rank];
      this.path = new int[rank];
    }

    NestedArray read() throws IOException {
      row(0, true);
      if (problem != null) {
        return problem;
      }
      if (data == null) {
        data = new double[0]; // a row of the first path was empty: so is the whole array
      }
      return new NestedArray.Regular(new Tensor(new Shape(dims), data));
    }

    /** The row at {@code path}'s first {@code axis} indices; {@code first}: all of them are 0. */
    private void row(int axis, boolean first) throws IOException {
      int length = in.readInt();
      if (length == -1) {
        if (problem == null) {
          problem = NestedArray.NullAt.of(name, path, axis);
        }
        return;
      }
      if (length < -1 || length > budget) {
        throw new Wire.LimitExceeded("array length " + length + " is out of range");
      }
      budget -= length;
      if (first) {
        dims[axis] = length;
      } else if (problem == null && length != dims[axis]) {
        problem = NestedArray.Ragged.of(name, path, axis, length, dims[axis]);
      }
      if (axis == dims.length - 1) {
        if (first) {
          allocate();
        }
        values(length);
        return;
      }
      for (int i = 0; i < length; i++) {
        path[axis] = i;
        row(axis + 1, first && i == 0);
      }
    }

    /**
     * Room for every value once the first path has given every size. A regular array larger than
     * the bound would run out of it while its lengths are read (they add up to at least its size),
     * so one is never made that large: the values are then read past.
     */
    private void allocate() {
      long size = 1;
      for (int dim : dims) {
        size *= dim;
      }
      if (size <= budget + dims[dims.length - 1]) {
        data = new double[(int) size];
      }
    }

    private void values(int count) throws IOException {
      boolean keep = problem == null && data != null && filled + count <= data.length;
      while (count > 0) {
        int part = Math.min(count, CHUNK_DOUBLES);
        in.readFully(bytes, 0, part * Double.BYTES);
        if (keep) {
          doubles.get(0, data, filled, part);
          filled += part;
        }
        count -= part;
      }
    }
  }
}
