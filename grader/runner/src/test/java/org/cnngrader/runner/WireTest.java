package org.cnngrader.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
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
