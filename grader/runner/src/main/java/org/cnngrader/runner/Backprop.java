package org.cnngrader.runner;

import java.util.List;
import java.util.Map;

/**
 * How a layer's backward relates to its forward, for the gradient check: the step whose output
 * {@code output} is differentiated, the step that returns the gradients given the upstream gradient
 * {@code upstream}, and which input each gradient belongs to (dx to x, dw to w, ...).
 */
public record Backprop(
    String forward, String output, String backward, String upstream, Map<String, String> inputOf) {

  public Backprop {
    if (forward == null || output == null || backward == null || upstream == null) {
      throw new IllegalArgumentException("a backprop names forward, output, backward, upstream");
    }
    if (inputOf == null || inputOf.isEmpty()) {
      throw new IllegalArgumentException("a backprop names at least one gradient");
    }
    inputOf = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(inputOf));
  }

  /** The gradients' keys, in the order the contract lists them. */
  public List<String> gradients() {
    return List.copyOf(inputOf.keySet());
  }
}
