package org.cnngrader.layer;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.cnngrader.runner.ValueType;

/**
 * A case's hyper-parameters by key, checked against the layer's {@link ParamSpec}s: every one
 * given, of its type, at least its minimum, and no other.
 */
public record Params(Map<String, Number> values) {

  public Params {
    values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }

  /** The values {@code specs} describe, in their order; names the first that is wrong. */
  public static Params of(List<ParamSpec> specs, Map<String, ? extends Number> given) {
    Map<String, Number> checked = new LinkedHashMap<>();
    for (ParamSpec spec : specs) {
      Number value = given.get(spec.key());
      if (value == null) {
        throw new InvalidCase("params." + spec.key(), "is missing");
      }
      if (spec.type() == ValueType.INT && !(value instanceof Integer)) {
        throw new InvalidCase("params." + spec.key(), "must be a whole number, found " + value);
      }
      double number = value.doubleValue();
      if (!(number >= spec.minimum()) || Double.isInfinite(number)) {
        throw new InvalidCase(
            "params." + spec.key(),
            "must be at least " + format(spec.minimum()) + ", found " + value);
      }
      checked.put(spec.key(), spec.type() == ValueType.INT ? value : (Number) number);
    }
    if (checked.size() != given.size()) {
      String unknown =
          given.keySet().stream()
              .filter(k -> !checked.containsKey(k))
              .sorted()
              .collect(Collectors.joining(", "));
      throw new InvalidCase(
          "params",
          "has "
              + unknown
              + ", which this layer does not take; it takes "
              + specs.stream().map(ParamSpec::key).collect(Collectors.joining(", ")));
    }
    return new Params(checked);
  }

  public int integer(String key) {
    return get(key).intValue();
  }

  public double real(String key) {
    return get(key).doubleValue();
  }

  private Number get(String key) {
    Number value = values.get(key);
    if (value == null) {
      throw new IllegalArgumentException("no parameter " + key + " among " + values.keySet());
    }
    return value;
  }

  private static String format(double value) {
    return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
  }

  /** "stride 2, pad 1". */
  @Override
  public String toString() {
    return values.entrySet().stream()
        .map(e -> e.getKey() + " " + e.getValue())
        .collect(Collectors.joining(", "));
  }
}
