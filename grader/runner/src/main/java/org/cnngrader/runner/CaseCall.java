package org.cnngrader.runner;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One case in the child: a fresh instance, then every step of the contract in order, each outcome
 * sent as soon as it is known so that a later call that hangs or kills the child cannot take an
 * earlier result with it. The case ends with a report of inputs the calls modified and threads left
 * running.
 */
final class CaseCall {

  /**
   * A case's values as the parent sent them, by key: hyper-parameters and the very arrays the
   * student's code receives.
   */
  record Inputs(Map<String, Object> values) {

    /** Reads the values {@code contract}'s arguments take, in the order it lists them. */
    static Inputs read(DataInputStream in, LayerContract contract) throws IOException {
      Map<String, Object> values = new LinkedHashMap<>();
      for (Map.Entry<String, ValueType> value : contract.caseValues().entrySet()) {
        values.put(value.getKey(), value.getValue().read(in));
      }
      return new Inputs(Collections.unmodifiableMap(values));
    }

    /** Deep copies of the tensors among {@code keys}. */
    Map<String, Object> snapshot(Collection<String> keys) {
      Map<String, Object> copies = new LinkedHashMap<>();
      for (String key : keys) {
        copies.put(key, InputChanges.copy(values.get(key)));
      }
      return copies;
    }
  }

  /** Freed when student code runs out of memory, so that the runner still has room to report it. */
  @SuppressWarnings("unused") // held only to be released
  private static byte[] reserve = new byte[4 * 1024 * 1024];

  private final StudentLayer layer;
  private final Inputs inputs;
  private final ExitWatch exitWatch;
  private final List<InputChanges.Change> changes = new ArrayList<>();

  /** The tensors the calls so far were given: a later call may still hold (and modify) them. */
  private final Set<String> given = new LinkedHashSet<>();

  CaseCall(StudentLayer layer, Inputs inputs, ExitWatch exitWatch) {
    this.layer = layer;
    this.inputs = inputs;
    this.exitWatch = exitWatch;
  }

  void run(Replies replies) throws IOException {
    Set<Thread> threadsBefore = liveThreads();
    Object instance = construct(replies);
    Set<String> returned = new HashSet<>();
    List<Step> steps = layer.contract().steps();
    for (int i = 0; i < steps.size(); i++) {
      Step step = steps.get(i);
      // The last step's reply goes with the case's end, which follows it at once. (Each other
      // reply goes alone: the parent times each call by when its reply comes.)
      Replies stepReplies = i == steps.size() - 1 ? replies.unflushed() : replies;
      if (instance == null) {
        stepReplies.send(out -> unavailable(out, Member.CONSTRUCTOR));
        continue;
      }
      String blocker = firstNotReturned(step.after(), returned);
      if (blocker != null) {
        // A step that works on what an earlier one kept can only mislead without it.
        stepReplies.send(
            out -> {
              out.writeByte(Protocol.SKIPPED);
              Wire.writeString(out, blocker);
            });
      } else if (runStep(stepReplies, instance, step)) {
        returned.add(step.key());
      }
    }
    List<String> lingering = lingeringThreads(threadsBefore);
    int background = backgroundThreads(threadsBefore);
    replies.send(out -> writeCaseEnd(out, lingering, background));
  }

  /**
   * The first of {@code after} that did not return, or null. A loop: no stream at a child's start.
   */
  private static String firstNotReturned(List<String> after, Set<String> returned) {
    for (String step : after) {
      if (!returned.contains(step)) {
        return step;
      }
    }
    return null;
  }

  private Object construct(Replies replies) throws IOException {
    if (!layer.has(Member.CONSTRUCTOR)) {
      replies.send(out -> unavailable(out, Member.CONSTRUCTOR));
      return null;
    }
    Object instance;
    exitWatch.calling(Member.CONSTRUCTOR);
    try {
      instance = layer.construct(inputs.values());
    } catch (Throwable t) {
      exitWatch.calling(null);
      replies.send(out -> threw(out, t));
      return null;
    }
    exitWatch.calling(null);
    replies.send(out -> out.writeByte(Protocol.RETURNED));
    return instance;
  }

  /** Calls a step and sends its outcome; true when it returned. */
  private boolean runStep(Replies replies, Object instance, Step step) throws IOException {
    if (!layer.has(step.member())) {
      replies.send(out -> unavailable(out, step.member()));
      return false;
    }
    for (Argument argument : step.arguments()) {
      given.addAll(argument.tensorKeys());
    }
    Map<String, Object> before = inputs.snapshot(given);
    Map<String, Object> outputs;
    exitWatch.calling(step.member());
    try {
      outputs = layer.call(step, instance, inputs.values());
    } catch (Throwable t) {
      exitWatch.calling(null);
      replies.send(out -> threw(out, t));
      recordChanges(step.member(), before);
      return false;
    }
    exitWatch.calling(null);
    replies.send(
        out -> {
          out.writeByte(Protocol.RETURNED);
          writeOutputs(out, step.result(), outputs);
        });
    recordChanges(step.member(), before);
    return true;
  }

  /** Whether there are outputs (a record may be null), then each by its type. */
  static void writeOutputs(DataOutputStream out, Result result, Map<String, Object> outputs)
      throws IOException {
    out.writeBoolean(outputs != null);
    if (outputs != null) {
      for (Result.Output output : result.outputs()) {
        output.type().write(out, outputs.get(output.key()));
      }
    }
  }

  /** Compares the tensors given so far with their copies from before the call. */
  private void recordChanges(Member call, Map<String, Object> before) {
    for (Map.Entry<String, Object> copy : before.entrySet()) {
      changes.addAll(
          InputChanges.compare(
              call, copy.getKey(), copy.getValue(), inputs.values().get(copy.getKey())));
    }
  }

  /**
   * Every live thread of the JVM, found through the thread groups: {@link
   * Thread#getAllStackTraces()} also stops every thread to take its stack, which three times a case
   * cost a child a fiftieth of its time.
   */
  static Set<Thread> liveThreads() {
    ThreadGroup root = Thread.currentThread().getThreadGroup();
    while (root.getParent() != null) {
      root = root.getParent();
    }
    Thread[] threads;
    int count;
    do {
      threads = new Thread[root.activeCount() * 2 + 16];
      count = root.enumerate(threads, true);
    } while (count == threads.length); // more appeared meanwhile: count again with room to spare
    return new HashSet<>(Arrays.asList(threads).subList(0, count));
  }

  /** Threads started during the case that are still running and would keep a JVM alive. */
  private static List<String> lingeringThreads(Set<Thread> before) {
    List<String> names = new ArrayList<>();
    for (Thread thread : liveThreads()) {
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
    for (Thread thread : liveThreads()) {
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
      Wire.writeString(out, Excerpt.cut(name, Excerpt.NAME));
    }
    out.writeInt(background);
  }

  static void unavailable(DataOutputStream out, Member missing) throws IOException {
    out.writeByte(Protocol.UNAVAILABLE);
    Wire.writeString(out, missing.key());
  }

  static void threw(DataOutputStream out, Throwable thrown) throws IOException {
    if (thrown instanceof OutOfMemoryError) {
      reserve = null;
    }
    out.writeByte(Protocol.THREW);
    // Cut here, so that a message of a million characters never crosses to the grader whole.
    Wire.writeString(out, Excerpt.cut(thrown.getClass().getName(), Excerpt.NAME));
    Wire.writeString(out, Excerpt.cut(safeMessage(thrown), Excerpt.MESSAGE));
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
      Wire.writeString(out, Excerpt.cut(text(frame), Excerpt.FRAME));
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
    return Arrays.copyOf(frames, Math.min(end, Excerpt.FRAMES));
  }

  private static boolean isGraderFrame(StackTraceElement frame) {
    String type = frame.getClassName();
    return type.startsWith("jdk.internal.reflect.")
        || type.startsWith("java.lang.reflect.")
        || ("app".equals(frame.getClassLoaderName())
            && type.startsWith(CaseCall.class.getPackageName() + "."));
  }
}
