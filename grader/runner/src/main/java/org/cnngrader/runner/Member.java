package org.cnngrader.runner;

/** The parts of the student contract that the child looks up before calling anything. */
public enum Member {
  /** The class itself, e.g. {@code cnn.Conv2d}. */
  CLASS(1),
  /** {@code Conv2d(int stride, int pad)}. */
  CONSTRUCTOR(2),
  /** {@code double[][][][] forward(double[][][][] x, double[][][][] w, double[] b)}. */
  FORWARD(3),
  /**
   * {@code Gradients backward(double[][][][] dout)}, returning something with dx(), dw() and db().
   */
  BACKWARD(4);

  private final byte code;

  Member(int code) {
    this.code = (byte) code;
  }

  /**
   * How the member travels between the child and the parent: fixed, whatever the declaration order.
   */
  public byte code() {
    return code;
  }

  /**
   * The member with a wire code.
   *
   * @throws IllegalArgumentException for a code no member has
   */
  public static Member ofCode(byte code) {
    for (Member member : values()) {
      if (member.code == code) {
        return member;
      }
    }
    throw new IllegalArgumentException("unknown member code " + code);
  }
}
