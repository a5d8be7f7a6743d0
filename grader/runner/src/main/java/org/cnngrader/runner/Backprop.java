package org.cnngrader.runner;

import java.util.List;
import java.util.Map;

/**
 * How a layer's backward relates to its forward, for the gradient check: the step whose output
 * {@code output} is differentiated, the step that returns the gradients given the upstream gradient
 * {@code upstream}, and which input each gradient belongs to (dx to x, dw to w, ...). A loss has no
 * upstream ({@code upstream} null): its output is a double, backward takes no upstream gradient,
 * and the gradients are of the loss itself.
 */
public record Backprop(
    String forward, String output, String backward, String upstream, Map<String, String> inputOf) {

  public Backprop {
    if (forward == null || output == null || backward == null) {
      throw new IllegalArgumentException("a backprop names forward, output, backward");
    }
    if (inputOf == null || inputOf.isEmpty()) {
      throw new IllegalArgumentException("a backprop names at least one gradient");
    }
    inputOf = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(inputOf));
  }

  /** Whether backward takes an upstream gradient: false for a loss, a scalar of its own. */
  public boolean hasUpstream() {
    return upstream != null;
  }

  /** The gradients' keys, in the order the contract lists them. */
  public List<String> gradients() {
    return List.copyOf(inputOf.keySet());
  }
}
