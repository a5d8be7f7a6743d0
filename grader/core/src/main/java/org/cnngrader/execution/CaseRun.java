package org.cnngrader.execution;

import java.util.List;

/**
 * The three calls of one case, in the order the child made them, and how the case left things:
 * inputs the calls modified, threads the student's code started and left running, and how many
 * daemon threads it left behind.
 */
public record CaseRun(
    CallOutcome<Void> constructor,
    CallOutcome<double[][][][]> forward,
    CallOutcome<ReturnedGradients> backward,
    List<InputChange> inputChanges,
    List<String> lingeringThreads,
    int backgroundThreads) {

  /** More daemon threads than a parallel stream's pool leaves: the next case gets a fresh JVM. */
  static final int MAX_BACKGROUND_THREADS = 64;

  public CaseRun {
    inputChanges = List.copyOf(inputChanges);
    lingeringThreads = List.copyOf(lingeringThreads);
  }

  /** A case that produced no report of its end (the child died or was killed during it). */
  public CaseRun(
      CallOutcome<Void> constructor,
      CallOutcome<double[][][][]> forward,
      CallOutcome<ReturnedGradients> backward) {
    this(constructor, forward, backward, List.of(), List.of(), 0);
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
