package org.cnngrader.runner;

import java.util.List;
import java.util.stream.Collectors;

/**
 * What a step of a layer's contract returns: one value, or a record whose accessors give several
 * (backward's gradients), each under the key that names it in fixtures and feedback.
 */
public sealed interface Result {

  /** The keys of the values the step gives, in order. */
  List<Output> outputs();

  /** The return type as Java source declares it. */
  String javaType();

  /** One value the step gives: the key it goes by and its type. */
  record Output(String key, ValueType type, String accessor) {
    public Output {
      check(key, type);
    }

    static void check(String key, ValueType type) {
      if (key == null || key.isBlank() || type == null) {
        throw new IllegalArgumentException("an output needs a key and a type");
      }
      if (!type.isTensor() && type != ValueType.DOUBLE) {
        // What the grader compares is numbers, against the reference's tensors: a tensor, or a
        // double (a loss), which is a tensor of rank 0.
        throw new IllegalArgumentException(
            key + ": an output is a tensor or a double, found " + type);
      }
    }
  }

  /** The method returns the value itself. */
  record Value(String key, ValueType type) implements Result {
    public Value {
      Output.check(key, type);
    }

    @Override
    public List<Output> outputs() {
      return List.of(new Output(key, type, null));
    }

    @Override
    public String javaType() {
      return type.javaName();
    }
  }

  /**
   * The method returns a record, {@code typeName} (simple name, in the layer's package), whose
   * accessors give the values.
   */
  record RecordOf(String typeName, List<Output> outputs) implements Result {
    public RecordOf {
      outputs = List.copyOf(outputs);
      if (outputs.isEmpty() || outputs.stream().anyMatch(o -> o.accessor() == null)) {
        throw new IllegalArgumentException(typeName + " needs accessors for its values");
      }
    }

    /** A record whose accessors are named as the keys of the values they give. */
    public static RecordOf of(String typeName, Output... outputs) {
      return new RecordOf(typeName, List.of(outputs));
    }

    /** An accessor named as its value: {@code dx()} gives dx. */
    public static Output component(String key, ValueType type) {
      return new Output(key, type, key);
    }

    @Override
    public String javaType() {
      return typeName;
    }

    /** "record Gradients(double[][][][] dx, double[][][][] dw, double[] db)". */
    public String declaration() {
      return "record "
          + typeName
          + outputs.stream()
              .map(o -> o.type().javaName() + " " + o.accessor())
              .collect(Collectors.joining(", ", "(", ")"));
    }
  }
}
