package org.cnngrader.execution;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a step of a case returned, by the keys of its outputs, as the student built them: nested
 * arrays that may be null, ragged or partly null. Nothing is checked here.
 */
public record StepOutputs(Map<String, Object> values) {

  public StepOutputs {
    values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }

  public Object get(String key) {
    return values.get(key);
  }
}
