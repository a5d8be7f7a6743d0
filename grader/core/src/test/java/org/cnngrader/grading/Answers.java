package org.cnngrader.grading;

import java.util.LinkedHashMap;
import java.util.Map;
import org.cnngrader.execution.StepOutputs;
import org.cnngrader.tensor.NestedArray;

/** A step's outputs as the grader reads them from the child, made from nested Java arrays. */
final class Answers {

  private Answers() {}

  /** {@code arrays} (double[]... of any rank, or null), by key, as read from the child. */
  static Map<String, NestedArray> read(Map<String, Object> arrays) {
    Map<String, NestedArray> read = new LinkedHashMap<>();
    arrays.forEach((key, array) -> read.put(key, read(key, array)));
    return read;
  }

  static StepOutputs outputs(Map<String, Object> arrays) {
    return new StepOutputs(read(arrays));
  }

  private static NestedArray read(String key, Object array) {
    // double[][] is "[[D": its rank is the count of brackets.
    int rank = array == null ? 1 : array.getClass().getName().lastIndexOf('[') + 1;
    return NestedArray.inspect(array, rank, key);
  }
}
