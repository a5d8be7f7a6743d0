package org.cnngrader.execution;

import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.cnngrader.runner.LayerContract;
import org.cnngrader.runner.ValueType;
import org.cnngrader.runner.Wire;
import org.cnngrader.tensor.Shape;
import org.cnngrader.tensor.Tensor;

/**
 * What the child receives for one case of a layer: its contract's values by key (hyper-parameters
 * as numbers, inputs as tensors), never expected values. A tensor goes as doubles whatever its
 * element type, which the child casts to the float or int arrays the student's method declares: an
 * int tensor (class labels) must hold whole numbers in int's range, so that the cast changes none.
 * A double may be given as a tensor of shape [] (a scalar input, as fixtures hold it).
 */
public record CaseInputs(LayerContract contract, Map<String, Object> values) {

  public CaseInputs {
    values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    for (Map.Entry<String, ValueType> needed : contract.caseValues().entrySet()) {
      Object value = values.get(needed.getKey());
      ValueType type = needed.getValue();
      boolean fits =
          type.isTensor()
              ? value instanceof Tensor tensor && tensor.shape().rank() == type.rank()
              : type.accepts(value) || (type == ValueType.DOUBLE && isScalar(value));
      if (!fits) {
        throw new IllegalArgumentException(
            contract.simpleName()
                + "'s case needs "
                + needed.getKey()
                + " of type "
                + type
                + ", found "
                + value);
      }
      if (type.element() == int.class && type.isTensor()) {
        requireInts(contract, needed.getKey(), (Tensor) value);
      }
    }
  }

  private static boolean isScalar(Object value) {
    return value instanceof Tensor tensor && tensor.shape().rank() == 0;
  }

  private static void requireInts(LayerContract contract, String key, Tensor tensor) {
    for (int i = 0; i < tensor.size(); i++) {
      double value = tensor.get(i);
      if (value != Math.rint(value) || value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
        throw new IllegalArgumentException(
            contract.simpleName()
                + "'s case needs "
                + key
                + " of ints, found "
                + value
                + " at "
                + Shape.format(tensor.shape().unflatten(i)));
      }
    }
  }

  /**
   * Writes the value of {@code key} as its type goes over the wire: a tensor as the nested array
   * the student receives (written from its flat data, never built).
   */
  void write(String key, ValueType type, DataOutputStream out) throws IOException {
    Object value = values.get(key);
    if (value instanceof Tensor tensor && type == ValueType.DOUBLE) {
      type.write(out, tensor.get(0));
    } else if (value instanceof Tensor tensor) {
      Wire.writeFlat(out, tensor.shape().dims(), tensor.values());
    } else {
      type.write(out, value);
    }
  }
}
