package org.cnngrader.execution;

import java.util.List;

/**
 * The three calls of one case, in the order the child made them, and how the case left things:
 * inputs the calls modified, and threads the student's code started and left running.
 */
public record CaseRun(
    CallOutcome<Void> constructor,
    CallOutcome<double[][][][]> forward,
    CallOutcome<ReturnedGradients> backward,
    List<InputChange> inputChanges,
    List<String> lingeringThreads) {

  public CaseRun {
    inputChanges = List.copyOf(inputChanges);
    lingeringThreads = List.copyOf(lingeringThreads);
  }

  /** A case that produced no report of its end (the child died or was killed during it). */
  public CaseRun(
      CallOutcome<Void> constructor,
      CallOutcome<double[][][][]> forward,
      CallOutcome<ReturnedGradients> backward) {
    this(constructor, forward, backward, List.of(), List.of());
  }

  /**
   * Whether the child should not run another case: a thread of the student's still runs, or the JVM
   * ran out of memory or stack, after which its state cannot be trusted.
   */
  boolean leftChildUnfit() {
    return !lingeringThreads.isEmpty()
        || exhausted(constructor)
        || exhausted(forward)
        || exhausted(backward);
  }

  private static boolean exhausted(CallOutcome<?> outcome) {
    return outcome instanceof CallOutcome.Threw<?> threw && threw.exhaustedResources();
  }
}
