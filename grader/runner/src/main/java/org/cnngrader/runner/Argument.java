package org.cnngrader.runner;

/**
 * One parameter of a constructor or method in a layer's contract: its name in Java source, its
 * type, and where its value comes from: the case's value under {@code key}, or {@code constant}
 * when the contract fixes it (a mode flag, say).
 */
public record Argument(String name, ValueType type, String key, Object constant) {

  public Argument {
    if (name == null || name.isBlank() || type == null) {
      throw new IllegalArgumentException("an argument needs a name and a type");
    }
    if ((key == null) == (constant == null)) {
      throw new IllegalArgumentException(
          "argument " + name + " takes either a case's value or a constant");
    }
    if (constant != null && (type.isTensor() || !type.accepts(constant))) {
      throw new IllegalArgumentException(
          "argument " + name + " cannot be the constant " + constant + " of type " + type);
    }
  }

  /** A parameter whose value is the case's value of the same name. */
  public static Argument value(String name, ValueType type) {
    return new Argument(name, type, name, null);
  }

  /** A parameter whose value is the case's value under {@code key}. */
  public static Argument value(String name, ValueType type, String key) {
    return new Argument(name, type, key, null);
  }

  /** A parameter the contract fixes. */
  public static Argument constant(String name, ValueType type, Object value) {
    return new Argument(name, type, null, value);
  }

  public boolean isConstant() {
    return constant != null;
  }

  /** As Java source declares it: {@code double[][][][] x}. */
  public String declaration() {
    return type.javaName() + " " + name;
  }
}
