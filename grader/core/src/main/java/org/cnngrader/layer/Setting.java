package org.cnngrader.layer;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.cnngrader.tensor.Shape;

/**
 * A case's numbers, which feedback derives its formulas from: the layer, its hyper-parameters and
 * the shapes of its inputs.
 */
public record Setting(Layer layer, Params params, Map<String, Shape> inputs) {

  public Setting {
    inputs = Collections.unmodifiableMap(new LinkedHashMap<>(inputs));
  }

  public Shape shape(String input) {
    Shape shape = inputs.get(input);
    if (shape == null) {
      throw new IllegalArgumentException("no input " + input + " among " + inputs.keySet());
    }
    return shape;
  }

  /**
   * "x [2, 3, 7, 7], w [4, 3, 3, 3], b [4], stride 1, pad 1": the inputs a student passes forward
   * and the constructor's parameters, so that a student can rebuild the case.
   */
  public String describe() {
    String shapes =
        inputs.entrySet().stream()
            .filter(e -> !e.getKey().equals(layer.upstream()))
            .map(e -> e.getKey() + " " + e.getValue())
            .collect(Collectors.joining(", "));
    return params.values().isEmpty() ? shapes : shapes + ", " + params;
  }
}
