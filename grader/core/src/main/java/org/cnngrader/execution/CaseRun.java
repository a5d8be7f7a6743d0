package org.cnngrader.execution;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The calls of one case, in the order the child made them (the constructor, then each step of the
 * contract by its key), and how the case left things: inputs the calls modified, threads the
 * student's code started and left running, and how many daemon threads it left behind.
 */
public record CaseRun(
    CallOutcome<Void> constructor,
    Map<String, CallOutcome<StepOutputs>> steps,
    List<InputChange> inputChanges,
    List<String> lingeringThreads,
    int backgroundThreads) {

  /** More daemon threads than a parallel stream's pool leaves: the next case gets a fresh JVM. */
  static final int MAX_BACKGROUND_THREADS = 64;

  public CaseRun {
    steps = Collections.unmodifiableMap(new LinkedHashMap<>(steps));
    inputChanges = List.copyOf(inputChanges);
    lingeringThreads = List.copyOf(lingeringThreads);
  }

  /** A case that produced no report of its end (the child died or was killed during it). */
  public CaseRun(CallOutcome<Void> constructor, Map<String, CallOutcome<StepOutputs>> steps) {
    this(constructor, steps, List.of(), List.of(), 0);
  }

  /** The outcome of the step with this key. */
  public CallOutcome<StepOutputs> step(String key) {
    CallOutcome<StepOutputs> outcome = steps.get(key);
    if (outcome == null) {
      throw new IllegalArgumentException(
          "the case has no step " + key + " among " + steps.keySet());
    }
    return outcome;
  }

  /**
   * Whether the child should not run another case: a thread of the student's still runs, or the JVM
   * ran out of memory or stack, after which its state cannot be trusted.
   */
  boolean leftChildUnfit() {
    return !lingeringThreads.isEmpty()
        || exhausted(constructor)
        || steps.values().stream().anyMatch(CaseRun::exhausted);
  }

  private static boolean exhausted(CallOutcome<?> outcome) {
    return outcome instanceof CallOutcome.Threw<?> threw && threw.exhaustedResources();
  }
}
