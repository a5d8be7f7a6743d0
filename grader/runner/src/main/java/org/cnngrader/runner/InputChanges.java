package org.cnngrader.runner;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds where student code modified the arrays it was given: a layer must leave its inputs as it
 * found them, since its caller (and backward) still need them.
 */
final class InputChanges {

  /** The first place where one input changed during one call. */
  record Change(Member call, String input, String where, double before, double after, String how) {

    void writeTo(DataOutputStream out) throws IOException {
      Wire.writeString(out, call.key());
      Wire.writeString(out, input);
      Wire.writeString(out, where);
      out.writeLong(Double.doubleToRawLongBits(before));
      out.writeLong(Double.doubleToRawLongBits(after));
      Wire.writeString(out, how);
    }

    static Change read(DataInputStream in) throws IOException {
      Member call = new Member(Wire.readString(in));
      return new Change(
          call,
          Wire.readString(in),
          Wire.readString(in),
          Double.longBitsToDouble(in.readLong()),
          Double.longBitsToDouble(in.readLong()),
          Wire.readString(in));
    }
  }

  private InputChanges() {}

  /**
   * A deep copy of a nested array (of doubles, floats or ints), nulls and ragged rows kept; a
   * scalar as it is.
   */
  static Object copy(Object array) {
    if (array == null || !array.getClass().isArray()) {
      return array;
    }
    if (array instanceof double[] values) {
      return values.clone();
    }
    if (!(array instanceof Object[] rows)) {
      int length = Array.getLength(array);
      Object copy = Array.newInstance(array.getClass().getComponentType(), length);
      System.arraycopy(array, 0, copy, 0, length);
      return copy;
    }
    Object[] copy = (Object[]) Array.newInstance(rows.getClass().getComponentType(), rows.length);
    for (int i = 0; i < rows.length; i++) {
      copy[i] = copy(rows[i]);
    }
    return copy;
  }

  /**
   * The first difference between {@code before} (a copy taken before the call) and {@code now}, or
   * nothing. Values compare bit for bit, so that even a NaN written over a NaN counts only when its
   * bits differ.
   */
  static List<Change> compare(Member call, String input, Object before, Object now) {
    List<Change> changes = new ArrayList<>(1);
    find(call, input, before, now, new StringBuilder(), changes);
    return changes;
  }

  private static boolean find(
      Member call, String input, Object before, Object now, StringBuilder where, List<Change> out) {
    if (before == null || now == null) {
      if (before != now) {
        out.add(new Change(call, input, where.toString(), Double.NaN, Double.NaN, nullness(now)));
        return true;
      }
      return false;
    }
    int length = Array.getLength(before);
    if (Array.getLength(now) != length) {
      out.add(
          new Change(
              call,
              input,
              where.toString(),
              Double.NaN,
              Double.NaN,
              "was replaced by an array of length "
                  + Array.getLength(now)
                  + " instead of "
                  + length));
      return true;
    }
    if (before instanceof double[] values) {
      // The common case, in a loop of its own: every call's inputs are compared.
      double[] current = (double[]) now;
      for (int i = 0; i < length; i++) {
        if (Double.doubleToRawLongBits(values[i]) != Double.doubleToRawLongBits(current[i])) {
          out.add(new Change(call, input, where + "[" + i + "]", values[i], current[i], ""));
          return true;
        }
      }
      return false;
    }
    if (!(before instanceof Object[])) {
      for (int i = 0; i < length; i++) {
        if (bits(before, i) != bits(now, i)) {
          double was = ((Number) Array.get(before, i)).doubleValue();
          double is = ((Number) Array.get(now, i)).doubleValue();
          out.add(new Change(call, input, where + "[" + i + "]", was, is, ""));
          return true;
        }
      }
      return false;
    }
    for (int i = 0; i < length; i++) {
      int mark = where.length();
      where.append('[').append(i).append(']');
      boolean found = find(call, input, Array.get(before, i), Array.get(now, i), where, out);
      where.setLength(mark);
      if (found) {
        return true;
      }
    }
    return false;
  }

  /**
   * Element {@code i} of a row of floats or ints as bits, so that a NaN written over a NaN counts
   * only when its bits differ. (Rows compare with their own copies: the same type.)
   */
  private static long bits(Object row, int i) {
    if (row instanceof float[] values) {
      return Float.floatToRawIntBits(values[i]);
    }
    return ((int[]) row)[i];
  }

  private static String nullness(Object now) {
    return now == null ? "was set to null" : "was null and is now an array";
  }
}
