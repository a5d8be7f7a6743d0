package org.cnngrader.runner;

import java.lang.reflect.Array;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The check of CS231n's eval_numerical_gradient, run on the student's own code: the gradient of L =
 * sum(forward(...) * dout) by centred differences with respect to every input that has a gradient,
 * beside what the student's backward returns for the same dout. For a loss (a backprop without an
 * upstream gradient), L is forward's double itself, and backward is called without one. It tells a
 * backward that disagrees with its own forward apart from one that follows a forward that is wrong.
 * Only the inputs with gradients are moved (never class labels), each by the step of its precision
 * ({@link ProbePrecision}).
 */
final class GradientProbe {

  /** The step of the centred differences of double inputs. */
  static final double STEP = ProbePrecision.DOUBLE.step();

  /**
   * What the probe found: backward's outputs (null when it returned none) and L's gradients by the
   * keys of backward's gradients, as nested double arrays whatever the inputs' element type.
   */
  record Gradients(Map<String, Object> analytic, Map<String, Object> numerical) {}

  private final StudentLayer layer;
  private final Backprop backprop;
  private final Step forward;
  private final Step backward;
  private final CaseCall.Inputs inputs;

  /** Forward's first output: every later one must have its shape. */
  private Object first;

  /** The upstream gradient, of forward's shape and the upstream's element type; null for a loss. */
  private Object dout;

  GradientProbe(StudentLayer layer, CaseCall.Inputs inputs) {
    this.layer = layer;
    this.backprop = layer.contract().backprop();
    this.forward = layer.contract().stepOf(backprop.forward());
    this.backward = layer.contract().stepOf(backprop.backward());
    this.inputs = inputs;
  }

  /**
   * Runs forward once, backward on a fixed dout of forward's shape (or on nothing, for a loss),
   * then forward again around every element of every input with a gradient.
   *
   * @throws Throwable whatever the student's code throws, or an IllegalStateException when forward
   *     returns nothing to differentiate
   */
  Gradients run() throws Throwable {
    Map<String, Object> values = copies(inputs.values());
    Object instance = layer.construct(values);
    first = regular(layer.call(forward, instance, copies(values)));
    Map<String, Object> backwardValues = copies(values);
    if (backprop.hasUpstream()) {
      ValueType upstream = upstreamType();
      dout =
          ElementCast.fromDoubles(
              pattern(ElementCast.toDoubles(first, upstream.rank()), new int[] {0}),
              upstream.element(),
              upstream.rank());
      backwardValues.put(backprop.upstream(), InputChanges.copy(dout));
    }
    Map<String, Object> analytic = layer.call(backward, instance, backwardValues);
    Map<String, Object> numerical = new LinkedHashMap<>();
    for (Map.Entry<String, String> gradient : backprop.inputOf().entrySet()) {
      Map<String, Object> probed = copies(inputs.values());
      numerical.put(gradient.getKey(), differentiate(target(gradient.getValue(), probed), probed));
    }
    return new Gradients(analytic, numerical);
  }

  /** The type backward declares for the upstream gradient: that of forward's output. */
  private ValueType upstreamType() {
    for (Argument argument : backward.arguments()) {
      if (backprop.upstream().equals(argument.key())) {
        return argument.type();
      }
    }
    return forward.result().outputs().stream()
        .filter(o -> o.key().equals(backprop.output()))
        .findFirst()
        .orElseThrow()
        .type();
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

  /**
   * dL/d(target) for every element of {@code target}, one of the arrays (of doubles or floats) in
   * {@code values}, as doubles.
   */
  private Object differentiate(Object target, Map<String, Object> values) throws Throwable {
    if (target instanceof double[] row) {
      double[] gradient = new double[row.length];
      for (int i = 0; i < row.length; i++) {
        gradient[i] = centred(row, i, values);
      }
      return gradient;
    }
    if (target instanceof float[] row) {
      double[] gradient = new double[row.length];
      for (int i = 0; i < row.length; i++) {
        gradient[i] = centred(row, i, values);
      }
      return gradient;
    }
    Object[] rows = (Object[]) target;
    Object[] gradient = (Object[]) Array.newInstance(doubles(rank(target) - 1), rows.length);
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

  /**
   * The same for a float: v + h and v - h are rounded to floats, so the difference is divided by
   * the step the floats really took, not 2h.
   */
  private double centred(float[] row, int index, Map<String, Object> values) throws Throwable {
    float value = row[index];
    float up = (float) (value + ProbePrecision.FLOAT.step());
    float down = (float) (value - ProbePrecision.FLOAT.step());
    row[index] = up;
    double plus = loss(values);
    row[index] = down;
    double minus = loss(values);
    row[index] = value;
    return (plus - minus) / ((double) up - (double) down);
  }

  /**
   * L on a fresh instance given copies, as every case is: sum(forward(...) * dout), or forward's
   * loss itself.
   */
  private double loss(Map<String, Object> values) throws Throwable {
    Object instance = layer.construct(values);
    Object out = regular(layer.call(forward, instance, copies(values)));
    return dout == null ? (Double) out : dot(out, dout);
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
    if (a instanceof float[] row) {
      float[] other = (float[]) b;
      double sum = 0;
      for (int i = 0; i < row.length; i++) {
        sum += (double) row[i] * other[i];
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
   * Forward's output as a regular tensor, the same shape each time, or a loss: anything else leaves
   * nothing to differentiate.
   */
  private Object regular(Map<String, Object> outputs) {
    Object out = outputs == null ? null : outputs.get(backprop.output());
    if (out == null) {
      throw new IllegalStateException("forward returned no " + backprop.output());
    }
    if (!out.getClass().isArray()) {
      return out; // a loss: a double, as the contract has it
    }
    requireFull(out, "forward's result");
    if (first != null && !sameShape(out, first)) {
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
    if (!(a instanceof Object[] rows)) {
      return b != null && b.getClass() == a.getClass() && Array.getLength(a) == Array.getLength(b);
    }
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
        (Object[]) Array.newInstance(rows.getClass().getComponentType(), rows.length);
    for (int i = 0; i < rows.length; i++) {
      pattern[i] = pattern(rows[i], counter);
    }
    return pattern;
  }

  /** The number of indices of a nested array. */
  private static int rank(Object array) {
    int rank = 0;
    for (Class<?> type = array.getClass(); type.isArray(); type = type.getComponentType()) {
      rank++;
    }
    return rank;
  }

  /** {@code double[]...[]} with {@code rank} pairs of brackets. */
  private static Class<?> doubles(int rank) {
    Class<?> type = double.class;
    for (int i = 0; i < rank; i++) {
      type = type.arrayType();
    }
    return type;
  }

  /** The values with every array deep-copied, so that no call sees another's changes. */
  private static Map<String, Object> copies(Map<String, Object> values) {
    Map<String, Object> copies = new LinkedHashMap<>();
    values.forEach((key, value) -> copies.put(key, InputChanges.copy(value)));
    return copies;
  }
}
