package org.cnngrader.feedback;

import org.cnngrader.execution.InputChange;
import org.cnngrader.grading.Warning;

/** Words the warnings that come with a part: what went wrong, and why it matters. */
final class Warnings {

  private Warnings() {}

  static String describe(Warning warning) {
    if (warning instanceof Warning.InputModified modified) {
      return inputModified(modified.change());
    } else if (warning instanceof Warning.ThreadsLeftRunning threads) {
      int count = threads.names().size();
      return String.format(
          "your code left %d %s running after the case (%s); %s stopped with the JVM, and the"
              + " next case ran in a fresh one. Wait for the threads you start to finish.",
          count,
          count == 1 ? "thread" : "threads",
          String.join(", ", threads.names()),
          count == 1 ? "it was" : "they were");
    }
    throw new IllegalArgumentException("unknown warning " + warning);
  }

  private static String inputModified(InputChange change) {
    String call = change.call().key();
    String what =
        change.valueChanged()
            ? String.format(
                "%s%s from %s to %s",
                change.input(),
                change.where(),
                Numbers.value(change.before()),
                Numbers.value(change.after()))
            : change.input() + change.where() + " " + change.how();
    return String.format(
        "%s modified its input %s: %s. The change itself costs no points (the grader keeps its"
            + " own copy of every input), but a layer must leave its inputs as it found them: the"
            + " caller, and your backward, still need them. Pad or scale a copy instead.",
        call, change.input(), what);
  }
}
