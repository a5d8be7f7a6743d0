package org.cnngrader.reference;

import java.util.LinkedHashMap;
import java.util.Map;
import org.cnngrader.compare.RelativeError;
import org.cnngrader.fixture.MistakeReference;
import org.cnngrader.layer.KnownMistake;
import org.cnngrader.tensor.Tensor;

/** Which of the mistake models' tensors a fixture stores, for any layer. */
final class MistakeSelection {

  /**
   * A mistake's tensor is stored only up to this many values: the large cases' tensors would add
   * several megabytes each to every fixture load, for feedback that the smaller cases give.
   */
  static final int MAX_STORED_VALUES = 4096;

  private MistakeSelection() {}

  /**
   * The references a fixture stores: for each mistake, the tensors that keep their shape, differ
   * from {@code expected} by more than {@code tolerance} (a mistake that changes nothing in a case
   * must never be diagnosed there) and hold at most {@link #MAX_STORED_VALUES} values.
   */
  static Map<KnownMistake, MistakeReference> select(
      Map<KnownMistake, Map<String, Tensor>> computed,
      Map<String, Tensor> expected,
      double tolerance) {
    Map<KnownMistake, MistakeReference> references = new LinkedHashMap<>();
    computed.forEach(
        (mistake, tensors) -> {
          Map<String, Tensor> kept = new LinkedHashMap<>();
          tensors.forEach(
              (name, tensor) -> {
                Tensor right = expected.get(name);
                if (tensor.shape().equals(right.shape())
                    && tensor.size() <= MAX_STORED_VALUES
                    && !RelativeError.compare(right, tensor, tolerance).passed()) {
                  kept.put(name, tensor);
                }
              });
          if (!kept.isEmpty()) {
            references.put(mistake, new MistakeReference(kept));
          }
        });
    return references;
  }
}
