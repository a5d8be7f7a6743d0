package org.cnngrader.runner;

import java.lang.reflect.Array;

/**
 * Casts nested arrays between doubles and the element type a contract declares (float, int). The
 * wire carries every tensor as doubles, which hold every float and int exactly; the child casts to
 * what the student's method declares on the way in and back to doubles on the way out. Null and
 * ragged rows stay as they are: the grader describes them as the student built them.
 */
final class ElementCast {

  private ElementCast() {}

  /** {@code array} (of any element type, rank {@code rank}) as nested double arrays. */
  static Object toDoubles(Object array, int rank) {
    if (array == null || array instanceof double[]) {
      return array;
    }
    if (array instanceof float[] floats) {
      double[] values = new double[floats.length];
      for (int i = 0; i < floats.length; i++) {
        values[i] = floats[i];
      }
      return values;
    }
    if (array instanceof int[] ints) {
      double[] values = new double[ints.length];
      for (int i = 0; i < ints.length; i++) {
        values[i] = ints[i];
      }
      return values;
    }
    Object[] rows = (Object[]) array;
    if (elementOf(rows.getClass()) == double.class) {
      return array;
    }
    Object[] cast = (Object[]) Array.newInstance(arrayClass(double.class, rank - 1), rows.length);
    for (int i = 0; i < rows.length; i++) {
      cast[i] = toDoubles(rows[i], rank - 1);
    }
    return cast;
  }

  /** Nested double arrays as arrays of {@code element} (double, float or int). */
  static Object fromDoubles(Object array, Class<?> element, int rank) {
    if (array == null || element == double.class) {
      return array;
    }
    if (array instanceof double[] values) {
      if (element == float.class) {
        float[] floats = new float[values.length];
        for (int i = 0; i < values.length; i++) {
          floats[i] = (float) values[i];
        }
        return floats;
      }
      int[] ints = new int[values.length];
      for (int i = 0; i < values.length; i++) {
        ints[i] = (int) values[i];
      }
      return ints;
    }
    Object[] rows = (Object[]) array;
    Object[] cast = (Object[]) Array.newInstance(arrayClass(element, rank - 1), rows.length);
    for (int i = 0; i < rows.length; i++) {
      cast[i] = fromDoubles(rows[i], element, rank - 1);
    }
    return cast;
  }

  private static Class<?> elementOf(Class<?> type) {
    while (type.isArray()) {
      type = type.getComponentType();
    }
    return type;
  }

  /** {@code element[]...[]} with {@code rank} pairs of brackets. */
  private static Class<?> arrayClass(Class<?> element, int rank) {
    Class<?> type = element;
    for (int i = 0; i < rank; i++) {
      type = type.arrayType();
    }
    return type;
  }
}
