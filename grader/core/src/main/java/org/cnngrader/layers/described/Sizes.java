package org.cnngrader.layers.described;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cnngrader.layer.InvalidCase;
import org.cnngrader.layer.Params;
import org.cnngrader.tensor.Shape;

/**
 * A case's numbers by symbol: its int and long parameters, and the sizes its inputs bind. The first
 * appearance of a symbol in the inputs, in the description's order, binds it; every later one must
 * agree.
 */
final class Sizes {

  private static final String[] ORDINALS = {"first", "second", "third", "fourth", "fifth"};

  private Sizes() {}

  /** "first", for axis 0. */
  static String ordinal(int axis) {
    return axis < ORDINALS.length ? ORDINALS[axis] : "dimension " + axis + "'s";
  }

  /** The int and long parameters as numbers an expression may name. */
  static Map<String, Long> ofParams(Params params) {
    Map<String, Long> numbers = new LinkedHashMap<>();
    params
        .values()
        .forEach(
            (key, value) -> {
              if (value instanceof Integer || value instanceof Long) {
                numbers.put(key, ((Number) value).longValue());
              }
            });
    return numbers;
  }

  /**
   * The parameters' numbers and the symbols the inputs' shapes bind.
   *
   * @throws InvalidCase naming the input whose shape does not fit
   */
  static Map<String, Long> bind(
      List<DescribedTensor> inputs, Params params, Map<String, Shape> shapes) {
    Map<String, Long> numbers = ofParams(params);
    Map<String, String> boundBy = new LinkedHashMap<>();
    for (DescribedTensor input : inputs) {
      Shape shape = shapes.get(input.key());
      String field = "inputs." + input.key();
      if (shape == null) {
        throw new InvalidCase(field, "is missing");
      }
      if (shape.rank() != input.dims().size()) {
        throw new InvalidCase(
            field,
            input.key()
                + " must have "
                + (input.dims().isEmpty()
                    ? "the shape [] of a scalar"
                    : input.dims().size() + " dimensions, " + input.shapeInDims())
                + ", found "
                + shape);
      }
      for (int axis = 0; axis < shape.rank(); axis++) {
        String symbol = input.dims().get(axis).symbol();
        if (symbol == null || params.values().containsKey(symbol)) {
          continue;
        }
        long size = shape.dim(axis);
        Long bound = numbers.get(symbol);
        if (bound == null) {
          numbers.put(symbol, size);
          boundBy.put(symbol, input.key());
        } else if (bound != size) {
          throw new InvalidCase(
              field,
              String.format(
                  "%s's %s dimension %s = %d must equal %s's %s = %d",
                  input.key(), ordinal(axis), symbol, size, boundBy.get(symbol), symbol, bound));
        }
      }
    }
    for (DescribedTensor input : inputs) {
      Shape shape = shapes.get(input.key());
      for (int axis = 0; axis < shape.rank(); axis++) {
        Dim dim = input.dims().get(axis);
        long size = shape.dim(axis);
        long should = value(dim, numbers, "inputs." + input.key());
        if (should != size) {
          throw new InvalidCase(
              "inputs." + input.key(),
              String.format(
                  "%s's %s dimension should be %s, found %d",
                  input.key(), ordinal(axis), dim.size().derivation(numbers), size));
        }
      }
    }
    return numbers;
  }

  /**
   * The shape {@code tensor}'s dimensions give with these numbers.
   *
   * @throws InvalidCase when a size is below 1 or cannot be computed
   */
  static Shape shape(String key, List<Dim> dims, Map<String, Long> numbers) {
    int[] sizes = new int[dims.size()];
    for (int axis = 0; axis < sizes.length; axis++) {
      Dim dim = dims.get(axis);
      long size = value(dim, numbers, "params");
      if (size < 1 || size > Integer.MAX_VALUE) {
        throw new InvalidCase(
            "params",
            String.format(
                "%s's %s dimension %s would be %s, which is no size",
                key, ordinal(axis), dim.name(), dim.size().derivation(numbers)));
      }
      sizes[axis] = (int) size;
    }
    return new Shape(sizes);
  }

  private static long value(Dim dim, Map<String, Long> numbers, String field) {
    try {
      return dim.size().value(numbers);
    } catch (ArithmeticException e) {
      throw new InvalidCase(
          field, dim.size().text() + " = " + dim.size().substituted(numbers) + " divides by zero");
    }
  }
}
