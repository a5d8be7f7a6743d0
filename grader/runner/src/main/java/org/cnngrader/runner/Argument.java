package org.cnngrader.runner;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One parameter of a constructor or method in a layer's contract: its name in Java source, its
 * type, and where its value comes from ({@link Source}): the case's value under {@code key}, a
 * {@code constant} the contract fixes (a mode flag, say), each slice in turn of the case's value
 * under {@code key} (a history of batches fed to forward one by one), the size of that value along
 * {@code axis} (a channel count the constructor needs), or a record of the student's package,
 * {@code recordType}, built from case values by its {@code components} (a model's weights by name).
 */
public record Argument(
    String name,
    ValueType type,
    Source source,
    String key,
    Object constant,
    int axis,
    String recordType,
    List<Argument> components) {

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
    SIZE,
    /**
     * A record of the student's package, made for every call by its canonical constructor from the
     * case's values its components read, in component order. It has no type of its own ({@code
     * type} is null) and no key: each component is a value argument.
     */
    RECORD
  }

  public Argument {
    if (name == null || name.isBlank() || source == null) {
      throw new IllegalArgumentException("an argument needs a name, a type and a source");
    }
    if (source == Source.RECORD) {
      components = checkedComponents(name, recordType, type, key, components);
    } else {
      if (type == null) {
        throw new IllegalArgumentException("an argument needs a name, a type and a source");
      }
      if (recordType != null || (components != null && !components.isEmpty())) {
        throw new IllegalArgumentException(
            "argument " + name + " has components, but is no record");
      }
      components = List.of();
      checkValue(name, type, source, key, constant, axis);
    }
  }

  private static void checkValue(
      String name, ValueType type, Source source, String key, Object constant, int axis) {
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

  /**
   * A record's components: value arguments (a tensor or a scalar each, read from the case), with
   * names that Java accepts for record components, none twice.
   */
  private static List<Argument> checkedComponents(
      String name, String recordType, ValueType type, String key, List<Argument> components) {
    if (recordType == null || !isJavaName(recordType)) {
      throw new IllegalArgumentException(
          "argument " + name + " needs a record's simple name, found " + recordType);
    }
    if (type != null || key != null) {
      throw new IllegalArgumentException(
          "argument " + name + " is a record of " + recordType + ": its components have the keys");
    }
    if (components == null || components.isEmpty()) {
      throw new IllegalArgumentException(
          "argument " + name + ": record " + recordType + " needs at least one component");
    }
    Set<String> names = new HashSet<>();
    for (Argument component : components) {
      if (component.source() != Source.VALUE) {
        throw new IllegalArgumentException(
            "argument "
                + name
                + ": component "
                + component.name()
                + " of record "
                + recordType
                + " must be a case's value (a tensor or a scalar), found "
                + component.source());
      }
      if (!isJavaName(component.name()) || !names.add(component.name())) {
        throw new IllegalArgumentException(
            "argument "
                + name
                + ": record "
                + recordType
                + " has a component named "
                + component.name()
                + " twice or not as Java names one");
      }
    }
    return List.copyOf(components);
  }

  private static boolean isJavaName(String name) {
    if (name.isEmpty() || !Character.isJavaIdentifierStart(name.charAt(0))) {
      return false;
    }
    return name.chars().allMatch(Character::isJavaIdentifierPart);
  }

  /** A parameter whose value is the case's value of the same name. */
  public static Argument value(String name, ValueType type) {
    return value(name, type, name);
  }

  /** A parameter whose value is the case's value under {@code key}. */
  public static Argument value(String name, ValueType type, String key) {
    return new Argument(name, type, Source.VALUE, key, null, 0, null, List.of());
  }

  /** A parameter the contract fixes. */
  public static Argument constant(String name, ValueType type, Object value) {
    return new Argument(name, type, Source.CONSTANT, null, value, 0, null, List.of());
  }

  /**
   * A parameter that takes, call by call, each slice of the case's value under {@code key}, a
   * tensor one rank above {@code type}.
   */
  public static Argument eachSliceOf(String name, ValueType type, String key) {
    return new Argument(name, type, Source.SLICES, key, null, 0, null, List.of());
  }

  /** An int parameter: the size of the case's value under {@code key} along {@code axis}. */
  public static Argument sizeOf(String name, String key, int axis) {
    return new Argument(name, ValueType.INT, Source.SIZE, key, null, axis, null, List.of());
  }

  /**
   * A parameter whose value is a record of the student's package, {@code typeName} (its simple
   * name), made for each call by its canonical constructor from the case's values: {@code
   * components} are value arguments, in the record's component order, each named as its component
   * and reading its case value by key.
   */
  public static Argument record(String name, String typeName, List<Argument> components) {
    return new Argument(name, null, Source.RECORD, null, null, 0, typeName, components);
  }

  public boolean isConstant() {
    return source == Source.CONSTANT;
  }

  public boolean isRecord() {
    return source == Source.RECORD;
  }

  /** The type of the case's value this argument reads; null for a constant, size or record. */
  public ValueType caseValueType() {
    return switch (source) {
      case VALUE -> type;
      case SLICES -> type.withRank(type.rank() + 1);
      case CONSTANT, SIZE, RECORD -> null;
    };
  }

  /**
   * The case values this argument reads, by key and type: its own, or its components' for a record;
   * none for a constant or a size.
   */
  public Map<String, ValueType> caseValues() {
    Map<String, ValueType> values = new java.util.LinkedHashMap<>();
    if (isRecord()) {
      components.forEach(c -> values.put(c.key(), c.type()));
    } else if (caseValueType() != null) {
      values.put(key, caseValueType());
    }
    return values;
  }

  /**
   * The keys of the tensors among the case's values this argument passes to the student's code
   * (which it may keep, or modify).
   */
  public List<String> tensorKeys() {
    List<String> keys = new ArrayList<>();
    if (isRecord()) {
      components.stream().filter(c -> c.type().isTensor()).forEach(c -> keys.add(c.key()));
    } else if (!isConstant() && type.isTensor()) {
      keys.add(key);
    }
    return keys;
  }

  /**
   * This argument's value among the case's {@code values}, or its constant; for a record, its
   * components' values in order, as its canonical constructor takes them.
   */
  public Object valueIn(Map<String, Object> values) {
    return switch (source) {
      case VALUE, SLICES -> values.get(key);
      case CONSTANT -> constant;
      case SIZE -> sizeAlong(values.get(key), axis);
      case RECORD -> components.stream().map(c -> c.valueIn(values)).toArray();
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
    return at != null && at.getClass().isArray() ? java.lang.reflect.Array.getLength(at) : 0;
  }

  /** The type as Java source writes it: {@code double[][][][]}, or a record's simple name. */
  public String javaName() {
    return isRecord() ? recordType : type.javaName();
  }

  /** As Java source declares it: {@code double[][][][] x}, {@code ConvNetParams p}. */
  public String declaration() {
    return javaName() + " " + name;
  }

  /**
   * A record argument's type as Java declares it: {@code record ConvNetParams(double[][][][] w1,
   * double[] b1)}.
   */
  public String recordDeclaration() {
    if (!isRecord()) {
      throw new IllegalStateException("argument " + name + " is no record");
    }
    return "record "
        + recordType
        + components.stream()
            .map(Argument::declaration)
            .collect(Collectors.joining(", ", "(", ")"));
  }
}
