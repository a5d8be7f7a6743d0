package org.cnngrader.runner;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One case in the child: a fresh instance, then forward, then backward, each outcome sent as soon
 * as it is known so that a later call that hangs or kills the child cannot take an earlier result
 * with it. The case ends with a report of inputs the calls modified and threads left running.
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

    /** Deep copies of x, w, b and dout, in that order. */
    Object[] snapshot() {
      return new Object[] {
        InputChanges.copy(x), InputChanges.copy(w), InputChanges.copy(b), InputChanges.copy(dout)
      };
    }

    Object[] current() {
      return new Object[] {x, w, b, dout};
    }
  }

  private static final String[] INPUT_NAMES = {"x", "w", "b", "dout"};
  private static final int MAX_FRAMES = 12;

  /** Freed when student code runs out of memory, so that the runner still has room to report it. */
  @SuppressWarnings("unused") // held only to be released
  private static byte[] reserve = new byte[4 * 1024 * 1024];

  private final StudentLayer layer;
  private final Inputs inputs;
  private final ExitWatch exitWatch;
  private final List<InputChanges.Change> changes = new ArrayList<>();

  CaseCall(StudentLayer layer, Inputs inputs, ExitWatch exitWatch) {
    this.layer = layer;
    this.inputs = inputs;
    this.exitWatch = exitWatch;
  }

  void run(Replies replies) throws IOException {
    Set<Thread> threadsBefore = Thread.getAllStackTraces().keySet();
    Object instance = construct(replies);
    if (instance == null) {
      replies.send(out -> unavailable(out, Member.CONSTRUCTOR));
      replies.send(out -> unavailable(out, Member.CONSTRUCTOR));
    } else if (runForward(replies, instance)) {
      runBackward(replies, instance);
    } else {
      // backward works on what forward kept; without a forward that returned it can only mislead.
      replies.send(
          out -> {
            out.writeByte(Protocol.SKIPPED);
            out.writeByte(Member.FORWARD.code());
          });
    }
    List<String> lingering = lingeringThreads(threadsBefore);
    int background = backgroundThreads(threadsBefore);
    replies.send(out -> writeCaseEnd(out, lingering, background));
  }

  private Object construct(Replies replies) throws IOException {
    if (!layer.has(Member.CONSTRUCTOR)) {
      replies.send(out -> unavailable(out, Member.CONSTRUCTOR));
      return null;
    }
    Object instance;
    exitWatch.calling(Member.CONSTRUCTOR);
    try {
      instance = layer.construct(inputs.stride(), inputs.pad());
    } catch (Throwable t) {
      exitWatch.calling(null);
      replies.send(out -> threw(out, t));
      return null;
    }
    exitWatch.calling(null);
    replies.send(out -> out.writeByte(Protocol.RETURNED));
    return instance;
  }

  /** Calls forward and sends its outcome; true when it returned. */
  private boolean runForward(Replies replies, Object instance) throws IOException {
    if (!layer.has(Member.FORWARD)) {
      replies.send(out -> unavailable(out, Member.FORWARD));
      return false;
    }
    Object[] before = inputs.snapshot();
    Object result;
    exitWatch.calling(Member.FORWARD);
    try {
      result = layer.forward(instance, inputs.x(), inputs.w(), inputs.b());
    } catch (Throwable t) {
      exitWatch.calling(null);
      replies.send(out -> threw(out, t));
      recordChanges(Member.FORWARD, before, 3);
      return false;
    }
    exitWatch.calling(null);
    replies.send(
        out -> {
          out.writeByte(Protocol.RETURNED);
          Wire.writeArray(out, result, 4);
        });
    recordChanges(Member.FORWARD, before, 3);
    return true;
  }

  private void runBackward(Replies replies, Object instance) throws IOException {
    if (!layer.has(Member.BACKWARD)) {
      replies.send(out -> unavailable(out, Member.BACKWARD));
      return;
    }
    Object[] before = inputs.snapshot();
    Object[] gradients;
    exitWatch.calling(Member.BACKWARD);
    try {
      gradients = layer.backward(instance, inputs.dout());
    } catch (Throwable t) {
      exitWatch.calling(null);
      replies.send(out -> threw(out, t));
      recordChanges(Member.BACKWARD, before, 4);
      return;
    }
    exitWatch.calling(null);
    replies.send(
        out -> {
          out.writeByte(Protocol.RETURNED);
          out.writeBoolean(gradients != null);
          if (gradients != null) {
            Wire.writeArray(out, gradients[0], 4);
            Wire.writeArray(out, gradients[1], 4);
            Wire.writeArray(out, gradients[2], 1);
          }
        });
    recordChanges(Member.BACKWARD, before, 4);
  }

  /**
   * Compares the first {@code count} inputs with their copies from before the call: forward is
   * given x, w and b; backward is given dout, but may still hold (and modify) forward's inputs.
   */
  private void recordChanges(Member call, Object[] before, int count) {
    Object[] now = inputs.current();
    for (int i = 0; i < count; i++) {
      changes.addAll(InputChanges.compare(call, INPUT_NAMES[i], before[i], now[i]));
    }
  }

  /** Threads started during the case that are still running and would keep a JVM alive. */
  private static List<String> lingeringThreads(Set<Thread> before) {
    List<String> names = new ArrayList<>();
    for (Thread thread : Thread.getAllStackTraces().keySet()) {
      if (!before.contains(thread) && thread.isAlive() && !thread.isDaemon()) {
        names.add(thread.getName());
      }
    }
    names.sort(null);
    return names;
  }

  /**
   * Daemon threads started during the case and still alive: they do not keep a JVM alive, but many
   * of them (a thread bomb) slow every later case.
   */
  private static int backgroundThreads(Set<Thread> before) {
    int count = 0;
    for (Thread thread : Thread.getAllStackTraces().keySet()) {
      if (!before.contains(thread) && thread.isAlive() && thread.isDaemon()) {
        count++;
      }
    }
    return count;
  }

  private void writeCaseEnd(DataOutputStream out, List<String> lingering, int background)
      throws IOException {
    out.writeByte(Protocol.CASE_END);
    out.writeInt(changes.size());
    for (InputChanges.Change change : changes) {
      change.writeTo(out);
    }
    out.writeInt(lingering.size());
    for (String name : lingering) {
      Wire.writeString(out, name);
    }
    out.writeInt(background);
  }

  static void unavailable(DataOutputStream out, Member missing) throws IOException {
    out.writeByte(Protocol.UNAVAILABLE);
    out.writeByte(missing.code());
  }

  static void threw(DataOutputStream out, Throwable thrown) throws IOException {
    if (thrown instanceof OutOfMemoryError) {
      reserve = null;
    }
    out.writeByte(Protocol.THREW);
    Wire.writeString(out, thrown.getClass().getName());
    Wire.writeString(out, safeMessage(thrown));
    writeFrames(out, studentFrames(safeStackTrace(thrown)));
  }

  /** getStackTrace can be overridden by a student's exception class, like getMessage. */
  private static StackTraceElement[] safeStackTrace(Throwable thrown) {
    try {
      StackTraceElement[] frames = thrown.getStackTrace();
      return frames == null
          ? new StackTraceElement[0]
          : Arrays.stream(frames).filter(Objects::nonNull).toArray(StackTraceElement[]::new);
    } catch (Throwable t) {
      return new StackTraceElement[0];
    }
  }

  static void writeFrames(DataOutputStream out, StackTraceElement[] frames) throws IOException {
    out.writeInt(frames.length);
    for (StackTraceElement frame : frames) {
      Wire.writeString(out, text(frame));
    }
  }

  /**
   * A frame as students know it, {@code cnn.Conv2d.forward(Conv2d.java:12)}: without the name of
   * the class loader that each case's classes come from.
   */
  static String text(StackTraceElement frame) {
    String source;
    if (frame.isNativeMethod()) {
      source = "Native Method";
    } else if (frame.getFileName() == null) {
      source = "Unknown Source";
    } else {
      source =
          frame.getFileName() + (frame.getLineNumber() >= 0 ? ":" + frame.getLineNumber() : "");
    }
    return frame.getClassName() + "." + frame.getMethodName() + "(" + source + ")";
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
        || ("app".equals(frame.getClassLoaderName())
            && type.startsWith(CaseCall.class.getPackageName() + "."));
  }
}
