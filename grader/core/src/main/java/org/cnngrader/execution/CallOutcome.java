package org.cnngrader.execution;

import java.time.Duration;
import java.util.List;
import org.cnngrader.runner.Excerpt;
import org.cnngrader.runner.Member;

/** What happened when the child called one member of the student's class. */
public sealed interface CallOutcome<T> {

  /** The call returned {@code value} (which may be null, or ragged: nothing is checked here). */
  record Returned<T>(T value) implements CallOutcome<T> {}

  /**
   * The call threw; {@code frames} are the student's own stack frames, innermost first. All of it
   * is of the student's choosing, so each is cut to the bounds of {@link Excerpt} here, where it
   * arrives from the child.
   */
  record Threw<T>(String type, String message, List<String> frames) implements CallOutcome<T> {
    public Threw {
      type = Excerpt.cut(type, Excerpt.NAME);
      message = Excerpt.cut(message, Excerpt.MESSAGE);
      frames = boundedFrames(frames);
    }

    /** An error of the JVM itself: out of memory or stack, after which a fresh JVM is safer. */
    public boolean exhaustedResources() {
      return type.equals("java.lang.OutOfMemoryError")
          || type.equals("java.lang.StackOverflowError")
          || type.equals("java.lang.InternalError");
    }
  }

  /**
   * The call ended the JVM: {@code how} is {@code System.exit} (reported by the child, with the
   * calling {@code frames}) or {@code Runtime.halt} (an exit status, but no report); {@code status}
   * is the JVM's exit status when known.
   */
  record Exited<T>(String how, Integer status, List<String> frames) implements CallOutcome<T> {
    public Exited {
      frames = boundedFrames(frames);
    }
  }

  /** The innermost {@link Excerpt#FRAMES} frames, each cut to {@link Excerpt#FRAME}. */
  private static List<String> boundedFrames(List<String> frames) {
    return frames.stream()
        .limit(Excerpt.FRAMES)
        .map(frame -> Excerpt.cut(frame, Excerpt.FRAME))
        .toList();
  }

  /**
   * The submission used up its total time, {@code limit}: the call was stopped ({@code started}),
   * or its case never started.
   */
  record OutOfTime<T>(Duration limit, boolean started) implements CallOutcome<T> {}

  /** The call returned more values than the grader reads ({@code limit}); the child was killed. */
  record Oversized<T>(int limit) implements CallOutcome<T> {}

  /**
   * The call ran past its time limit and the child was killed: it used {@code limit} of CPU time,
   * or, with {@code wallClock}, it lasted {@code limit} by the clock while using only {@code
   * cpuUsed} (it waited or slept).
   */
  record TimedOut<T>(Duration limit, boolean wallClock, Duration cpuUsed)
      implements CallOutcome<T> {}

  /**
   * The child was killed for using more memory, heap and native together, than its bound of {@code
   * limitBytes}; {@code heapBytes} is what the Java heap alone may hold.
   */
  record OutOfMemory<T>(long limitBytes, long heapBytes) implements CallOutcome<T> {}

  /** The child ended during the call without a sign of exiting on purpose, e.g. it crashed. */
  record ChildDied<T>(Integer exitCode) implements CallOutcome<T> {}

  /** The call was not made: the earlier call {@code after} of this case never completed. */
  record Skipped<T>(Member after) implements CallOutcome<T> {}

  /**
   * The call could not be made because {@code missing} is absent or failed earlier in this case.
   */
  record Unavailable<T>(Member missing) implements CallOutcome<T> {}
}
