package org.cnngrader.runner;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;

/**
 * One case in the child: a fresh instance, then forward, then backward, each outcome sent as soon
 * as it is known so that a later call that hangs or kills the child cannot take an earlier result
 * with it.
 */
final class CaseCall {

  /** A case's inputs as the parent sent them. */
  @SuppressWarnings("ArrayRecordComponent") // the very arrays the student's code receives
  record Inputs(
      int stride, int pad, double[][][][] x, double[][][][] w, double[] b, double[][][][] dout) {

    static Inputs read(DataInputStream in) throws IOException {
      int stride = in.readInt();
      int pad = in.readInt();
      return new Inputs(
          stride,
          pad,
          (double[][][][]) Wire.readArray(in, 4),
          (double[][][][]) Wire.readArray(in, 4),
          (double[]) Wire.readArray(in, 1),
          (double[][][][]) Wire.readArray(in, 4));
    }
  }

  private static final int MAX_FRAMES = 12;

  private final StudentLayer layer;
  private final Inputs inputs;

  CaseCall(StudentLayer layer, Inputs inputs) {
    this.layer = layer;
    this.inputs = inputs;
  }

  void run(DataOutputStream out) throws IOException {
    Object instance = null;
    if (!layer.has(Member.CONSTRUCTOR)) {
      unavailable(out, Member.CONSTRUCTOR);
    } else {
      try {
        instance = layer.construct(inputs.stride(), inputs.pad());
        out.writeByte(Protocol.RETURNED);
      } catch (Throwable t) {
        threw(out, t);
      }
    }
    out.flush();
    if (instance == null) {
      unavailable(out, Member.CONSTRUCTOR);
      unavailable(out, Member.CONSTRUCTOR);
      out.flush();
      return;
    }
    boolean forwardReturned = runForward(out, instance);
    out.flush();
    if (forwardReturned) {
      runBackward(out, instance);
    } else {
      // backward works on what forward kept; without a forward that returned it can only mislead.
      out.writeByte(Protocol.SKIPPED);
      out.writeByte(Member.FORWARD.code());
    }
    out.flush();
  }

  /** Calls forward and sends its outcome; true when it returned. */
  private boolean runForward(DataOutputStream out, Object instance) throws IOException {
    if (!layer.has(Member.FORWARD)) {
      unavailable(out, Member.FORWARD);
      return false;
    }
    Object result;
    try {
      result = layer.forward(instance, inputs.x(), inputs.w(), inputs.b());
    } catch (Throwable t) {
      threw(out, t);
      return false;
    }
    out.writeByte(Protocol.RETURNED);
    Wire.writeArray(out, result, 4);
    return true;
  }

  private void runBackward(DataOutputStream out, Object instance) throws IOException {
    if (!layer.has(Member.BACKWARD)) {
      unavailable(out, Member.BACKWARD);
      return;
    }
    Object[] gradients;
    try {
      gradients = layer.backward(instance, inputs.dout());
    } catch (Throwable t) {
      threw(out, t);
      return;
    }
    out.writeByte(Protocol.RETURNED);
    out.writeBoolean(gradients != null);
    if (gradients != null) {
      Wire.writeArray(out, gradients[0], 4);
      Wire.writeArray(out, gradients[1], 4);
      Wire.writeArray(out, gradients[2], 1);
    }
  }

  private static void unavailable(DataOutputStream out, Member missing) throws IOException {
    out.writeByte(Protocol.UNAVAILABLE);
    out.writeByte(missing.code());
  }

  private static void threw(DataOutputStream out, Throwable thrown) throws IOException {
    out.writeByte(Protocol.THREW);
    Wire.writeString(out, thrown.getClass().getName());
    Wire.writeString(out, safeMessage(thrown));
    StackTraceElement[] frames = studentFrames(thrown.getStackTrace());
    out.writeInt(frames.length);
    for (StackTraceElement frame : frames) {
      Wire.writeString(out, frame.toString());
    }
  }

  /** A message getter is student code too: it may throw, so it must not take the child down. */
  private static String safeMessage(Throwable thrown) {
    try {
      return thrown.getMessage();
    } catch (Throwable t) {
      return null;
    }
  }

  /**
   * The frames above the reflective call into the student's code: the grader's own are of no use.
   */
  static StackTraceElement[] studentFrames(StackTraceElement[] frames) {
    int end = 0;
    while (end < frames.length && !isGraderFrame(frames[end])) {
      end++;
    }
    return Arrays.copyOf(frames, Math.min(end, MAX_FRAMES));
  }

  private static boolean isGraderFrame(StackTraceElement frame) {
    String type = frame.getClassName();
    return type.startsWith("jdk.internal.reflect.")
        || type.startsWith("java.lang.reflect.")
        || type.startsWith(CaseCall.class.getPackageName() + ".");
  }
}
