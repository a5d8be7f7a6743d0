package org.cnngrader.runner;

/**
 * One parameter of a constructor or method in a layer's contract: its name in Java source, its
 * type, and where its value comes from ({@link Source}): the case's value under {@code key}, a
 * {@code constant} the contract fixes (a mode flag, say), each slice in turn of the case's value
 * under {@code key} (a history of batches fed to forward one by one), or the size of that value
 * along {@code axis} (a channel count the constructor needs).
 */
public record Argument(
    String name, ValueType type, Source source, String key, Object constant, int axis) {

  /** Where an argument's value comes from. */
  public enum Source {
    /** The case's value under the key. */
    VALUE,
    /** The contract's constant. */
    CONSTANT,
    /**
     * The slices along the first axis of the case's value under the key, one rank above the
     * argument's: the step is called once per slice, in order, and its result is the last call's.
     */
    SLICES,
    /** The size along an axis of the case's value under the key (an int). */
    SIZE
  }

  public Argument {
    if (name == null || name.isBlank() || type == null || source == null) {
      throw new IllegalArgumentException("an argument needs a name, a type and a source");
    }
    if ((source == Source.CONSTANT) != (key == null)
        || (source == Source.CONSTANT) != (constant != null)) {
      throw new IllegalArgumentException(
          "argument " + name + " takes either a case's value or a constant");
    }
    if (constant != null && (type.isTensor() || !type.accepts(constant))) {
      throw new IllegalArgumentException(
          "argument " + name + " cannot be the constant " + constant + " of type " + type);
    }
    if (source == Source.SLICES && (!type.isTensor() || type.rank() >= ValueType.MAX_RANK)) {
      throw new IllegalArgumentException(
          "argument " + name + " takes slices of a tensor one rank above it, found " + type);
    }
    if (source == Source.SIZE && (type != ValueType.INT || axis < 0)) {
      throw new IllegalArgumentException(
          "argument " + name + " takes a size: an int, along an axis >= 0");
    }
  }

  /** A parameter whose value is the case's value of the same name. */
  public static Argument value(String name, ValueType type) {
    return value(name, type, name);
  }

  /** A parameter whose value is the case's value under {@code key}. */
  public static Argument value(String name, ValueType type, String key) {
    return new Argument(name, type, Source.VALUE, key, null, 0);
  }

  /** A parameter the contract fixes. */
  public static Argument constant(String name, ValueType type, Object value) {
    return new Argument(name, type, Source.CONSTANT, null, value, 0);
  }

  /**
   * A parameter that takes, call by call, each slice of the case's value under {@code key}, a
   * tensor one rank above {@code type}.
   */
  public static Argument eachSliceOf(String name, ValueType type, String key) {
    return new Argument(name, type, Source.SLICES, key, null, 0);
  }

  /** An int parameter: the size of the case's value under {@code key} along {@code axis}. */
  public static Argument sizeOf(String name, String key, int axis) {
    return new Argument(name, ValueType.INT, Source.SIZE, key, null, axis);
  }

  public boolean isConstant() {
    return source == Source.CONSTANT;
  }

  /** The type of the case's value this argument reads; null for a constant or a size. */
  public ValueType caseValueType() {
    return switch (source) {
      case VALUE -> type;
      case SLICES -> ValueType.tensor(type.rank() + 1);
      case CONSTANT, SIZE -> null;
    };
  }

  /** This argument's value among the case's {@code values}, or its constant. */
  public Object valueIn(java.util.Map<String, Object> values) {
    return switch (source) {
      case VALUE, SLICES -> values.get(key);
      case CONSTANT -> constant;
      case SIZE -> sizeAlong(values.get(key), axis);
    };
  }

  private static Integer sizeAlong(Object array, int axis) {
    Object at = array;
    for (int i = 0; i < axis; i++) {
      if (!(at instanceof Object[] rows) || rows.length == 0) {
        return 0;
      }
      at = rows[0];
    }
    if (at instanceof Object[] rows) {
      return rows.length;
    }
    return at instanceof double[] row ? row.length : 0;
  }

  /** As Java source declares it: {@code double[][][][] x}. */
  public String declaration() {
    return type.javaName() + " " + name;
  }
}
