package org.cnngrader.layer;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A case's hyper-parameters by key, checked against the layer's {@link ParamSpec}s: every one
 * given, of its type, within its range, and no other. Values are held as the contract passes them:
 * an {@code Integer}, a {@code Long}, a {@code Double} or a {@code Boolean}.
 */
public record Params(Map<String, Object> values) {

  public Params {
    values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }

  /** The values {@code specs} describe, in their order; names the first that is wrong. */
  public static Params of(List<ParamSpec> specs, Map<String, ?> given) {
    Map<String, Object> checked = new LinkedHashMap<>();
    for (ParamSpec spec : specs) {
      Object value = given.get(spec.key());
      if (value == null) {
        throw new InvalidCase("params." + spec.key(), "is missing");
      }
      checked.put(spec.key(), checked(spec, value));
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

  /** {@code value} as {@code spec}'s type holds it: an int widens to a long or a double. */
  private static Object checked(ParamSpec spec, Object value) {
    String field = "params." + spec.key();
    Object typed =
        switch (spec.type()) {
          case BOOLEAN -> {
            if (!(value instanceof Boolean)) {
              throw new InvalidCase(field, "must be true or false, found " + value);
            }
            yield value;
          }
          case INT -> {
            if (!(value instanceof Integer)) {
              throw new InvalidCase(field, "must be a whole number, found " + value);
            }
            yield value;
          }
          case LONG -> {
            if (!(value instanceof Integer || value instanceof Long)) {
              throw new InvalidCase(field, "must be a whole number, found " + value);
            }
            yield ((Number) value).longValue();
          }
          default -> {
            if (!(value instanceof Number number)) {
              throw new InvalidCase(field, "must be a number, found " + value);
            }
            yield number.doubleValue();
          }
        };
    if (typed instanceof Number number) {
      double v = number.doubleValue();
      if (!(v >= spec.minimum()) || Double.isInfinite(v)) {
        throw new InvalidCase(
            field, "must be at least " + format(spec.minimum()) + ", found " + value);
      }
      if (v > spec.maximum()) {
        throw new InvalidCase(
            field, "must be at most " + format(spec.maximum()) + ", found " + value);
      }
    }
    return typed;
  }

  public int integer(String key) {
    return number(key).intValue();
  }

  public long whole(String key) {
    return number(key).longValue();
  }

  public double real(String key) {
    return number(key).doubleValue();
  }

  public boolean flag(String key) {
    if (!(get(key) instanceof Boolean flag)) {
      throw new IllegalArgumentException(key + " is no flag: " + get(key));
    }
    return flag;
  }

  private Number number(String key) {
    if (!(get(key) instanceof Number number)) {
      throw new IllegalArgumentException(key + " is no number: " + get(key));
    }
    return number;
  }

  private Object get(String key) {
    Object value = values.get(key);
    if (value == null) {
      throw new IllegalArgumentException("no parameter " + key + " among " + values.keySet());
    }
    return value;
  }

  private static String format(double value) {
    return value == Math.rint(value) && Math.abs(value) < 1e18
        ? String.valueOf((long) value)
        : String.valueOf(value);
  }

  /** "stride 2, pad 1". */
  @Override
  public String toString() {
    return values.entrySet().stream()
        .map(e -> e.getKey() + " " + e.getValue())
        .collect(Collectors.joining(", "));
  }
}
