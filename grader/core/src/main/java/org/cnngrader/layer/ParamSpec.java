package org.cnngrader.layer;

import org.cnngrader.runner.ValueType;

/**
 * A hyper-parameter of a layer's case: its key in fixture files (and in the contract's arguments),
 * its type (an int or a double), and the smallest value it may take.
 */
public record ParamSpec(String key, ValueType type, double minimum) {

  public ParamSpec {
    if (key == null || !key.matches("[a-z][a-z0-9_]*")) {
      throw new IllegalArgumentException("a parameter's key is lower case letters, found " + key);
    }
    if (type != ValueType.INT && type != ValueType.DOUBLE) {
      throw new IllegalArgumentException(key + " must be an int or a double, found " + type);
    }
  }

  public static ParamSpec integer(String key, int minimum) {
    return new ParamSpec(key, ValueType.INT, minimum);
  }

  public static ParamSpec real(String key, double minimum) {
    return new ParamSpec(key, ValueType.DOUBLE, minimum);
  }
}
