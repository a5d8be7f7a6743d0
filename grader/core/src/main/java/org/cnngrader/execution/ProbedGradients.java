package org.cnngrader.execution;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.cnngrader.runner.LayerContract;
import org.cnngrader.runner.ProbePrecision;
import org.cnngrader.tensor.NestedArray;

/**
 * What the gradient check found in the child: the student's backward on a small case ({@code
 * analytic}, null when backward returned no gradients) and the centred differences of the student's
 * own forward there, by the gradients' keys, each taken at the {@code precision} of its input (a
 * float input's with a larger step, and compared more loosely).
 */
public record ProbedGradients(
    StepOutputs analytic,
    Map<String, NestedArray> numerical,
    Map<String, ProbePrecision> precision) {

  public ProbedGradients {
    numerical = Collections.unmodifiableMap(new LinkedHashMap<>(numerical));
    precision = Collections.unmodifiableMap(new LinkedHashMap<>(precision));
    if (!precision.keySet().containsAll(numerical.keySet())) {
      throw new IllegalArgumentException(
          "a precision for every gradient probed: " + numerical.keySet() + ", found " + precision);
    }
  }

  /** Gradients probed with respect to double inputs, all of them. */
  public ProbedGradients(StepOutputs analytic, Map<String, NestedArray> numerical) {
    this(analytic, numerical, atDouble(numerical));
  }

  /** What the child found for {@code contract}, each gradient at its input's precision. */
  public static ProbedGradients of(
      LayerContract contract, StepOutputs analytic, Map<String, NestedArray> numerical) {
    Map<String, ProbePrecision> precision = new LinkedHashMap<>();
    numerical.keySet().forEach(g -> precision.put(g, ProbePrecision.ofGradient(contract, g)));
    return new ProbedGradients(analytic, numerical, precision);
  }

  private static Map<String, ProbePrecision> atDouble(Map<String, NestedArray> numerical) {
    Map<String, ProbePrecision> precision = new LinkedHashMap<>();
    numerical.keySet().forEach(g -> precision.put(g, ProbePrecision.DOUBLE));
    return precision;
  }

  /**
   * The precision {@code gradient} was probed at: how closely a correct backward's gradient agrees
   * with it.
   */
  public ProbePrecision precisionOf(String gradient) {
    ProbePrecision found = precision.get(gradient);
    if (found == null) {
      throw new IllegalArgumentException("no gradient " + gradient + " was probed");
    }
    return found;
  }
}
