package org.cnngrader.runner;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The check of CS231n's eval_numerical_gradient, run on the student's own code: the gradient of L =
 * sum(forward(...) * dout) by centred differences with respect to every input that has a gradient,
 * beside what the student's backward returns for the same dout. It tells a backward that disagrees
 * with its own forward apart from one that follows a forward that is wrong.
 */
final class GradientProbe {

  /** The step of the centred differences: small, yet far above the rounding of the sums. */
  static final double STEP = 1e-5;

  /**
   * What the probe found: backward's outputs (null when it returned none) and L's gradients by the
   * keys of backward's gradients.
   */
  record Gradients(Map<String, Object> analytic, Map<String, Object> numerical) {}

  private final StudentLayer layer;
  private final Backprop backprop;
  private final Step forward;
  private final Step backward;
  private final CaseCall.Inputs inputs;
  private Object dout;

  GradientProbe(StudentLayer layer, CaseCall.Inputs inputs) {
    this.layer = layer;
    this.backprop = layer.contract().backprop();
    this.forward = layer.contract().stepOf(backprop.forward());
    this.backward = layer.contract().stepOf(backprop.backward());
    this.inputs = inputs;
  }

  /**
   * Runs forward once, backward on a fixed dout of forward's shape, then forward again around every
   * element of every input with a gradient.
   *
   * @throws Throwable whatever the student's code throws, or an IllegalStateException when forward
   *     returns nothing to differentiate
   */
  Gradients run() throws Throwable {
    Map<String, Object> values = copies(inputs.values());
    Object instance = layer.construct(values);
    Object out = regular(layer.call(forward, instance, copies(values)));
    dout = pattern(out, new int[] {0});
    Map<String, Object> backwardValues = copies(values);
    backwardValues.put(backprop.upstream(), InputChanges.copy(dout));
    Map<String, Object> analytic = layer.call(backward, instance, backwardValues);
    Map<String, Object> numerical = new LinkedHashMap<>();
    for (Map.Entry<String, String> gradient : backprop.inputOf().entrySet()) {
      Map<String, Object> probed = copies(inputs.values());
      numerical.put(gradient.getKey(), differentiate(target(gradient.getValue(), probed), probed));
    }
    return new Gradients(analytic, numerical);
  }

  /**
   * The array whose elements a gradient is taken with respect to: the input under {@code key}, or,
   * for an input forward takes slice by slice, its last slice (backward is for the latest call).
   */
  private Object target(String key, Map<String, Object> values) {
    Object input = values.get(key);
    boolean sliced =
        forward.arguments().stream()
            .anyMatch(a -> a.source() == Argument.Source.SLICES && a.key().equals(key));
    if (sliced && input instanceof Object[] slices && slices.length > 0) {
      return slices[slices.length - 1];
    }
    return input;
  }

  /** dL/d(target) for every element of {@code target}, one of the arrays in {@code values}. */
  private Object differentiate(Object target, Map<String, Object> values) throws Throwable {
    if (target instanceof double[] row) {
      double[] gradient = new double[row.length];
      for (int i = 0; i < row.length; i++) {
        gradient[i] = centred(row, i, values);
      }
      return gradient;
    }
    Object[] rows = (Object[]) target;
    Object[] gradient =
        (Object[])
            java.lang.reflect.Array.newInstance(rows.getClass().getComponentType(), rows.length);
    for (int i = 0; i < rows.length; i++) {
      gradient[i] = differentiate(rows[i], values);
    }
    return gradient;
  }

  /** (L(v + h) - L(v - h)) / 2h for the element {@code index} of {@code row}, restored after. */
  private double centred(double[] row, int index, Map<String, Object> values) throws Throwable {
    double value = row[index];
    row[index] = value + STEP;
    double plus = loss(values);
    row[index] = value - STEP;
    double minus = loss(values);
    row[index] = value;
    return (plus - minus) / (2 * STEP);
  }

  /** sum(forward(...) * dout), on a fresh instance given copies, as every case is. */
  private double loss(Map<String, Object> values) throws Throwable {
    Object instance = layer.construct(values);
    Object out = regular(layer.call(forward, instance, copies(values)));
    return dot(out, dout);
  }

  private static double dot(Object a, Object b) {
    if (a instanceof double[] row) {
      double[] other = (double[]) b;
      double sum = 0;
      for (int i = 0; i < row.length; i++) {
        sum += row[i] * other[i];
      }
      return sum;
    }
    Object[] rows = (Object[]) a;
    Object[] others = (Object[]) b;
    double sum = 0;
    for (int i = 0; i < rows.length; i++) {
      sum += dot(rows[i], others[i]);
    }
    return sum;
  }

  /**
   * Forward's output as a regular tensor, the same shape each time: anything else leaves nothing to
   * differentiate.
   */
  private Object regular(Map<String, Object> outputs) {
    Object out = outputs == null ? null : outputs.get(backprop.output());
    if (out == null) {
      throw new IllegalStateException("forward returned no " + backprop.output());
    }
    requireFull(out, "forward's result");
    if (dout != null && !sameShape(out, dout)) {
      throw new IllegalStateException("forward's result changes shape when its inputs change");
    }
    return out;
  }

  private static void requireFull(Object array, String what) {
    if (array == null) {
      throw new IllegalStateException(what + " has a null row");
    }
    if (array instanceof Object[] rows) {
      for (Object row : rows) {
        requireFull(row, what);
      }
    }
  }

  private static boolean sameShape(Object a, Object b) {
    if (a instanceof double[] row) {
      return b instanceof double[] other && row.length == other.length;
    }
    Object[] rows = (Object[]) a;
    if (!(b instanceof Object[] others) || rows.length != others.length) {
      return false;
    }
    for (int i = 0; i < rows.length; i++) {
      if (!sameShape(rows[i], others[i])) {
        return false;
      }
    }
    return true;
  }

  /** A fixed dout of {@code out}'s shape, values between -1 and 1 that no symmetry cancels. */
  private static Object pattern(Object out, int[] counter) {
    if (out instanceof double[] row) {
      double[] pattern = new double[row.length];
      for (int i = 0; i < row.length; i++) {
        pattern[i] = ((counter[0]++ * 7) % 13 - 6) / 6.0;
      }
      return pattern;
    }
    Object[] rows = (Object[]) out;
    Object[] pattern =
        (Object[])
            java.lang.reflect.Array.newInstance(rows.getClass().getComponentType(), rows.length);
    for (int i = 0; i < rows.length; i++) {
      pattern[i] = pattern(rows[i], counter);
    }
    return pattern;
  }

  /** The values with every array deep-copied, so that no call sees another's changes. */
  private static Map<String, Object> copies(Map<String, Object> values) {
    Map<String, Object> copies = new LinkedHashMap<>();
    values.forEach((key, value) -> copies.put(key, InputChanges.copy(value)));
    return copies;
  }
}
