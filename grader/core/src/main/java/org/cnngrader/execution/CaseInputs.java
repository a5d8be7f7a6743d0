package org.cnngrader.execution;

import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.cnngrader.runner.LayerContract;
import org.cnngrader.runner.ValueType;
import org.cnngrader.runner.Wire;
import org.cnngrader.tensor.Tensor;

/**
 * What the child receives for one case of a layer: its contract's values by key (hyper-parameters
 * as numbers, inputs as tensors), never expected values.
 */
public record CaseInputs(LayerContract contract, Map<String, Object> values) {

  public CaseInputs {
    values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    for (Map.Entry<String, ValueType> needed : contract.caseValues().entrySet()) {
      Object value = values.get(needed.getKey());
      boolean fits =
          needed.getValue().isTensor()
              ? value instanceof Tensor tensor && tensor.shape().rank() == needed.getValue().rank()
              : needed.getValue().accepts(value);
      if (!fits) {
        throw new IllegalArgumentException(
            contract.simpleName()
                + "'s case needs "
                + needed.getKey()
                + " of type "
                + needed.getValue()
                + ", found "
                + value);
      }
    }
  }

  /**
   * Writes the value of {@code key} as its type goes over the wire: a tensor as the nested array
   * the student receives (written from its flat data, never built).
   */
  void write(String key, ValueType type, DataOutputStream out) throws IOException {
    Object value = values.get(key);
    if (value instanceof Tensor tensor) {
      Wire.writeFlat(out, tensor.shape().dims(), tensor.values());
    } else {
      type.write(out, value);
    }
  }
}
