package org.cnngrader.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.lang.reflect.Array;
import java.nio.DoubleBuffer;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class WireTest {

  private static Object roundTrip(Object array, int rank) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Wire.writeArray(new DataOutputStream(bytes), array, rank);
    return Wire.readArray(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())), rank);
  }

  @Test
  void carriesEveryDoubleBitForBit() throws IOException {
    double[] values = {0.1, -0.0, Double.NaN, Double.POSITIVE_INFINITY, Double.MIN_VALUE, 1e308};

    double[] back = (double[]) roundTrip(values, 1);

    for (int i = 0; i < values.length; i++) {
      assertThat(Double.doubleToRawLongBits(back[i]))
          .isEqualTo(Double.doubleToRawLongBits(values[i]));
    }
  }

  @Test
  void carriesALongRowInBulkAsTheRawBitsOfEachDoubleInTurn() throws IOException {
    // Longer than one bulk copy, with NaN payloads that a conversion would canonicalize.
    double[] values = new double[2_500];
    for (int i = 0; i < values.length; i++) {
      values[i] =
          i % 7 == 0
              ? Double.longBitsToDouble(0x7ff0_0000_0000_0001L + i)
              : Math.scalb((double) i, i % 40 - 20);
    }
    ByteArrayOutputStream bulk = new ByteArrayOutputStream();
    Wire.writeArray(new DataOutputStream(bulk), values, 1);
    ByteArrayOutputStream oneByOne = new ByteArrayOutputStream();
    DataOutputStream expected = new DataOutputStream(oneByOne);
    expected.writeInt(values.length);
    for (double value : values) {
      expected.writeLong(Double.doubleToRawLongBits(value));
    }

    assertThat(bulk.toByteArray()).isEqualTo(oneByOne.toByteArray());
    double[] back = (double[]) roundTrip(values, 1);
    for (int i = 0; i < values.length; i++) {
      assertThat(Double.doubleToRawLongBits(back[i]))
          .as("element %d", i)
          .isEqualTo(Double.doubleToRawLongBits(values[i]));
    }
  }

  @Test
  void writesAFlatTensorExactlyAsItsNestedArrayInEveryRank() throws IOException {
    // Enough rows of odd lengths that rows straddle the chunks at both alignments.
    int[][] shapes = {{3}, {5_000}, {7, 3}, {2, 3, 4}, {3, 5, 37, 41}, {2, 1, 3, 1, 2}};
    for (int[] dims : shapes) {
      int size = Arrays.stream(dims).reduce(1, (a, b) -> a * b);
      double[] data = new double[size];
      for (int i = 0; i < size; i++) {
        data[i] = i % 11 == 0 ? Double.longBitsToDouble(0x7ff0_0000_0000_0001L + i) : i * 0.37 - 5;
      }
      // Read-only and not at the start of its array, as a tensor's values may be.
      double[] padded = new double[size + 5];
      System.arraycopy(data, 0, padded, 3, size);
      ByteArrayOutputStream flat = new ByteArrayOutputStream();
      Wire.writeFlat(
          new DataOutputStream(flat), dims, DoubleBuffer.wrap(padded, 3, size).asReadOnlyBuffer());
      ByteArrayOutputStream nested = new ByteArrayOutputStream();
      Wire.writeArray(new DataOutputStream(nested), nest(dims, 0, data, new int[1]), dims.length);
      ByteArrayOutputStream oneByOne = new ByteArrayOutputStream();
      writeOneByOne(new DataOutputStream(oneByOne), dims, 0, data, new int[1]);

      assertThat(flat.toByteArray())
          .as("shape %s", Arrays.toString(dims))
          .isEqualTo(oneByOne.toByteArray())
          .isEqualTo(nested.toByteArray());
    }
  }

  @Test
  void refusesAFlatTensorWhoseSizesDoNotHoldItsValues() {
    assertThatThrownBy(
            () ->
                Wire.writeFlat(
                    new DataOutputStream(new ByteArrayOutputStream()),
                    new int[] {2, 3},
                    DoubleBuffer.wrap(new double[5])))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("sizes [2, 3] do not hold 5 values");
  }

  /** The nested array a flat tensor stands for, built the plain way. */
  private static Object nest(int[] dims, int axis, double[] data, int[] next) {
    if (axis == dims.length - 1) {
      double[] row = Arrays.copyOfRange(data, next[0], next[0] + dims[axis]);
      next[0] += dims[axis];
      return row;
    }
    // double[n][0]..., whose rows are then replaced: an array of the rank left.
    int[] sizes = new int[dims.length - axis];
    sizes[0] = dims[axis];
    Object[] rows = (Object[]) Array.newInstance(double.class, sizes);
    for (int i = 0; i < rows.length; i++) {
      rows[i] = nest(dims, axis + 1, data, next);
    }
    return rows;
  }

  /** The format written with DataOutput's calls, one value at a time. */
  private static void writeOneByOne(
      DataOutputStream out, int[] dims, int axis, double[] data, int[] next) throws IOException {
    out.writeInt(dims[axis]);
    for (int i = 0; i < dims[axis]; i++) {
      if (axis == dims.length - 1) {
        out.writeLong(Double.doubleToRawLongBits(data[next[0]++]));
      } else {
        writeOneByOne(out, dims, axis + 1, data, next);
      }
    }
  }

  @Test
  void keepsNullsAndRaggedRowsAsTheStudentBuiltThem() throws IOException {
    double[][][][] ragged = {{{{1, 2}, {3}}, null}, null};

    double[][][][] back = (double[][][][]) roundTrip(ragged, 4);

    assertThat(back[0][0][0]).containsExactly(1, 2);
    assertThat(back[0][0][1]).containsExactly(3);
    assertThat(back[0][1]).isNull();
    assertThat(back[1]).isNull();
    assertThat(roundTrip(null, 4)).isNull();
  }

  @Test
  void refusesALengthBeyondTheLimitInsteadOfAllocatingIt() {
    byte[] hostile = {0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff};

    assertThatThrownBy(
            () -> Wire.readArray(new DataInputStream(new ByteArrayInputStream(hostile)), 1))
        .isInstanceOf(IOException.class)
        .hasMessage("array length 2147483647 is out of range");
  }

  @Test
  void carriesStringsIncludingNull() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    Wire.writeString(out, "ünïcode message");
    Wire.writeString(out, null);
    DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()));

    assertThat(Wire.readString(in)).isEqualTo("ünïcode message");
    assertThat(Wire.readString(in)).isNull();
  }
}
