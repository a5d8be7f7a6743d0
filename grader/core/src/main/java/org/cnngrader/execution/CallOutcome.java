package org.cnngrader.execution;

import java.time.Duration;
import java.util.List;
import org.cnngrader.runner.Member;

/** What happened when the child called one member of the student's class. */
public sealed interface CallOutcome<T> {

  /** The call returned {@code value} (which may be null, or ragged: nothing is checked here). */
  record Returned<T>(T value) implements CallOutcome<T> {}

  /** The call threw; {@code frames} are the student's own stack frames, innermost first. */
  record Threw<T>(String type, String message, List<String> frames) implements CallOutcome<T> {
    public Threw {
      frames = List.copyOf(frames);
    }
  }

  /** The call returned more values than the grader reads ({@code limit}); the child was killed. */
  record Oversized<T>(int limit) implements CallOutcome<T> {}

  /** The call ran past the time limit and the child was killed. */
  record TimedOut<T>(Duration limit) implements CallOutcome<T> {}

  /** The child ended during the call, e.g. by System.exit or a crash of the JVM. */
  record ChildDied<T>(Integer exitCode) implements CallOutcome<T> {}

  /** The call was not made: the earlier call {@code after} of this case never completed. */
  record Skipped<T>(Member after) implements CallOutcome<T> {}

  /**
   * The call could not be made because {@code missing} is absent or failed earlier in this case.
   */
  record Unavailable<T>(Member missing) implements CallOutcome<T> {}
}
