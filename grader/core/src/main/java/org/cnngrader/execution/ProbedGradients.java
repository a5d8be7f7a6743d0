package org.cnngrader.execution;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.cnngrader.tensor.NestedArray;

/**
 * What the gradient check found in the child: the student's backward on a small case ({@code
 * analytic}, null when backward returned no gradients) and the centred differences of the student's
 * own forward there, by the gradients' keys.
 */
public record ProbedGradients(StepOutputs analytic, Map<String, NestedArray> numerical) {

  public ProbedGradients {
    numerical = Collections.unmodifiableMap(new LinkedHashMap<>(numerical));
  }
}
