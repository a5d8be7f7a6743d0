package org.cnngrader.execution;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.cnngrader.tensor.NestedArray;

/**
 * What a step of a case returned, by the keys of its outputs: each array as the student built it,
 * regular or null or ragged somewhere. Nothing is judged here.
 */
public record StepOutputs(Map<String, NestedArray> values) {

  public StepOutputs {
    values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }

  public NestedArray get(String key) {
    return values.get(key);
  }
}
