package org.cnngrader.runner;

/**
 * The gradient check's centred differences at the precision of the input they are taken with
 * respect to: the step by which an element is moved either way, and how close a correct backward's
 * gradient comes to them. Relative errors are CS231n's, |a - b| / (|a| + |b|); an element within
 * {@link #absoluteFloor} of the centred difference agrees whatever its relative error, for a
 * gradient near zero (its upstream shares cancelling), whose relative error rounding alone makes
 * large. A wrong gradient is wrong by the size of an upstream gradient's share, 1e-2 and more.
 */
public enum ProbePrecision {

  /**
   * Doubles: a step small, yet far above the rounding of the sums. Each centred difference divides
   * two losses' rounding, about n * u * sum |out * dout| each (u = 1.1e-16, n = 36 products on the
   * small cases: below 1e-14), by 2h = 2e-5: below 1e-9, a hundred times under the floor; the
   * truncation, h^2 / 6 * f''' (below 2e-11 for slopes of order 1), is far under the relative 1e-6.
   */
  DOUBLE(1e-5, 1e-6, 1e-7),

  /**
   * Floats: the student's forward rounds to float (u = 6e-8), so a step of 1e-5 would leave the
   * difference of two losses mostly rounding. Only the outputs that depend on the moved element
   * round differently between the two losses (the others come out bit for bit alike): about k * u *
   * |out * dout| for k such outputs, below 1e-6 on a small case, over 2h = 2e-3: below 5e-4, twice
   * under the floor of 1e-3 and twenty times under a wrong gradient's 1e-2. (On 3,000 random tanh(x
   * w) layers of up to 4 by 8 by 4 in float, the worst difference from a float backward was 1.0e-4;
   * with a step of 1e-4 it was 1.1e-3.) The truncation, h^2 / 6 * f''' (below 2e-7 for tanh,
   * softmax or exp on inputs in [-1, 1]), is far under the relative 1e-3, CS231n's threshold for a
   * float computation. A larger step would cross the kink of a ReLU or a max more often (an input
   * within the step of it gives a difference between the slopes either side). The element is moved
   * in float, and the difference divided by the step the floats really took.
   */
  FLOAT(1e-3, 1e-3, 1e-3);

  private final double step;
  private final double relative;
  private final double absoluteFloor;

  ProbePrecision(double step, double relative, double absoluteFloor) {
    this.step = step;
    this.relative = relative;
    this.absoluteFloor = absoluteFloor;
  }

  /** The precision of a double or float tensor's elements. */
  public static ProbePrecision of(ValueType type) {
    if (!type.isTensor() || type.element() == int.class) {
      throw new IllegalArgumentException("no gradient is taken with respect to a " + type);
    }
    return type.element() == float.class ? FLOAT : DOUBLE;
  }

  /**
   * The precision at which the gradient check takes {@code gradient} of {@code contract}: that of
   * the input the gradient belongs to, which the probe moves.
   */
  public static ProbePrecision ofGradient(LayerContract contract, String gradient) {
    String input = contract.backprop().inputOf().get(gradient);
    if (input == null) {
      throw new IllegalArgumentException(contract.className() + " has no gradient " + gradient);
    }
    return of(contract.caseValues().get(input));
  }

  /** How far an element is moved either way. */
  public double step() {
    return step;
  }

  /** The largest relative error of a correct backward's gradient. */
  public double relative() {
    return relative;
  }

  /** The largest difference at which an element agrees whatever its relative error. */
  public double absoluteFloor() {
    return absoluteFloor;
  }
}
