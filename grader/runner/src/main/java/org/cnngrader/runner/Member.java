package org.cnngrader.runner;

/** The parts of the student contract that the child looks up before calling anything. */
public enum Member {
  /** The class itself, e.g. {@code cnn.Conv2d}. */
  CLASS,
  /** {@code Conv2d(int stride, int pad)}. */
  CONSTRUCTOR,
  /** {@code double[][][][] forward(double[][][][] x, double[][][][] w, double[] b)}. */
  FORWARD,
  /**
   * {@code Gradients backward(double[][][][] dout)}, returning something with dx(), dw() and db().
   */
  BACKWARD
}
