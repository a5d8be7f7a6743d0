package org.cnngrader.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.cnngrader.runner.ValueType;
import org.cnngrader.runner.Wire;
import org.cnngrader.tensor.NestedArray;
import org.cnngrader.tensor.Shape;
import org.cnngrader.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * Reading a returned array flat must give exactly what inspecting the nested array gives: the same
 * tensor, or the same first null or ragged row, and the stream read to the array's end.
 */
class ReturnedArraysTest {

  private final ReturnedArrays arrays = new ReturnedArrays();

  @Test
  void readsWhatInspectingTheNestedArrayGivesForRegularAndIrregularArrays() throws IOException {
    List<Object> cases = new ArrayList<>();
    cases.add(new double[] {1, -2.5, Double.NaN});
    cases.add(new double[0]);
    cases.add(new double[3][0]);
    cases.add(new double[0][4]);
    cases.add(new double[2][0][3]);
    cases.add(new double[][] {{1, 2}, null, {3}});
    cases.add(new double[][] {{1, 2}, {3}, null});
    cases.add(new double[][] {null, {3}});
    cases.add(new double[][][] {{{1}, {2}}, {{3}}});
    cases.add(new double[][][] {{{1}, {2}}, {{3}, {4, 5}}});
    cases.add(new double[][][] {{{1}, null}, {{3}, {4}}});
    cases.add(new double[][][][] {{{{1, 2}}}, {{{3, 4}}, {{5, 6}}}});
    // Sizes whose product is beyond the bound, which a regular array could not reach: no room is
    // made for its values, and its null row is found all the same.
    double[][] huge = new double[4096][];
    huge[0] = new double[4096];
    cases.add(huge);
    Random random = new Random(7);
    for (int round = 0; round < 200; round++) {
      int rank = 1 + random.nextInt(5);
      int[] dims = new int[rank];
      for (int i = 0; i < rank; i++) {
        dims[i] = 1 + random.nextInt(rank == 1 ? 5000 : 6);
      }
      Object array = Array.newInstance(double.class, dims);
      fill(array, random);
      if (round % 2 == 1) {
        spoil(array, random);
      }
      cases.add(array);
    }

    for (Object array : cases) {
      int rank = array.getClass().getName().lastIndexOf('[') + 1;
      byte[] bytes = written(array, rank);
      NestedArray nested = NestedArray.inspect(Wire.readArray(stream(bytes), rank), rank, "out");
      DataInputStream in = stream(bytes);

      assertThat(arrays.read(in, rank, "out")).isEqualTo(nested);
      assertThat(in.readInt()).as("what follows the array").isEqualTo(0x5EA1ED);
    }
  }

  @Test
  void aDoubleIsATensorOfShapeEmptyBitForBit() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    ValueType.DOUBLE.write(out, -0.0);
    ValueType.DOUBLE.write(out, Double.NaN);
    out.writeInt(0x5EA1ED);
    DataInputStream in = stream(bytes.toByteArray());

    assertThat(arrays.read(in, 0, "loss"))
        .isEqualTo(new NestedArray.Regular(new Tensor(Shape.of(), new double[] {-0.0})));
    assertThat(arrays.read(in, 0, "loss"))
        .isEqualTo(new NestedArray.Regular(new Tensor(Shape.of(), new double[] {Double.NaN})));
    assertThat(in.readInt()).as("what follows the doubles").isEqualTo(0x5EA1ED);
  }

  @Test
  void aNullArrayIsNullAtItsName() throws IOException {
    assertThat(arrays.read(stream(written(null, 4)), 4, "dx"))
        .isEqualTo(new NestedArray.NullAt("dx"));
  }

  @Test
  void anArrayLargerThanTheBoundIsRefusedAsTheNestedReaderRefusesIt() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    out.writeInt(2);
    out.writeInt(Wire.MAX_ELEMENTS);
    byte[] claim = bytes.toByteArray();

    assertThatThrownBy(() -> Wire.readArray(stream(claim), 3))
        .isInstanceOf(Wire.LimitExceeded.class);
    assertThatThrownBy(() -> arrays.read(stream(claim), 3, "out"))
        .isInstanceOf(Wire.LimitExceeded.class)
        .hasMessage("array length " + Wire.MAX_ELEMENTS + " is out of range");
  }

  private static void fill(Object array, Random random) {
    if (array instanceof double[] row) {
      for (int i = 0; i < row.length; i++) {
        row[i] = random.nextGaussian();
      }
      return;
    }
    for (Object row : (Object[]) array) {
      fill(row, random);
    }
  }

  /** Makes one row somewhere null, shorter or longer. */
  private static void spoil(Object array, Random random) {
    Object parent = null;
    int index = 0;
    Object at = array;
    while (at instanceof Object[] rows
        && rows.length > 0
        && (parent == null || random.nextBoolean())) {
      parent = at;
      index = random.nextInt(rows.length);
      at = rows[index];
    }
    if (parent == null) {
      return; // rank 1: nothing below the top to spoil
    }
    Object[] rows = (Object[]) parent;
    int length = Array.getLength(rows[index]);
    rows[index] =
        switch (random.nextInt(3)) {
          case 0 -> null;
          case 1 -> Array.newInstance(rows[index].getClass().getComponentType(), length + 1);
          default -> Array.newInstance(rows[index].getClass().getComponentType(), length / 2);
        };
  }

  private static byte[] written(Object array, int rank) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    Wire.writeArray(out, array, rank);
    out.writeInt(0x5EA1ED);
    out.flush();
    return bytes.toByteArray();
  }

  private static DataInputStream stream(byte[] bytes) {
    return new DataInputStream(new ByteArrayInputStream(bytes));
  }
}
