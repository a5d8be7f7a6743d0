package org.cnngrader.layer;

import org.cnngrader.runner.ValueType;

/**
 * A hyper-parameter of a layer's case: its key in fixture files (and in the contract's arguments),
 * its type (an int, a long, a double or a boolean), and the range a number may take, both ends
 * included (infinite where it has no end; meaningless for a boolean).
 */
public record ParamSpec(String key, ValueType type, double minimum, double maximum) {

  public ParamSpec {
    if (key == null || !key.matches("[a-z][a-z0-9_]*")) {
      throw new IllegalArgumentException("a parameter's key is lower case letters, found " + key);
    }
    if (type != ValueType.INT
        && type != ValueType.LONG
        && type != ValueType.DOUBLE
        && type != ValueType.BOOLEAN) {
      throw new IllegalArgumentException(
          key + " must be an int, a long, a double or a boolean, found " + type);
    }
    if (Double.isNaN(minimum) || Double.isNaN(maximum) || minimum > maximum) {
      throw new IllegalArgumentException(
          key + ": its minimum " + minimum + " must not exceed its maximum " + maximum);
    }
  }

  /** A parameter with a smallest value and no largest. */
  public ParamSpec(String key, ValueType type, double minimum) {
    this(key, type, minimum, Double.POSITIVE_INFINITY);
  }

  public static ParamSpec integer(String key, int minimum) {
    return new ParamSpec(key, ValueType.INT, minimum);
  }

  public static ParamSpec real(String key, double minimum) {
    return new ParamSpec(key, ValueType.DOUBLE, minimum);
  }

  /** A flag: true or false. */
  public static ParamSpec flag(String key) {
    return new ParamSpec(
        key, ValueType.BOOLEAN, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
  }

  public boolean isNumber() {
    return type != ValueType.BOOLEAN;
  }

  public boolean hasMinimum() {
    return minimum != Double.NEGATIVE_INFINITY;
  }

  public boolean hasMaximum() {
    return maximum != Double.POSITIVE_INFINITY;
  }
}
