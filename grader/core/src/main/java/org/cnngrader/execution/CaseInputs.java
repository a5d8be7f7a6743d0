package org.cnngrader.execution;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.cnngrader.runner.LayerContract;
import org.cnngrader.runner.ValueType;
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

  /** The value as it goes over the wire: a tensor as the nested array the student receives. */
  Object wireValue(String key) {
    Object value = values.get(key);
    return value instanceof Tensor tensor ? tensor.toNested() : value;
  }
}
