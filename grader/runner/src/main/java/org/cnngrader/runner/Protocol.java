package org.cnngrader.runner;

/**
 * Tags of the messages between the parent and the child. The parent first sends the contracts of
 * the layers to grade (a count, then each {@link LayerContract}); the child answers with a report
 * per layer (a count of problems, then each member's key and what was found). Then the parent sends
 * {@link #RUN_CASE} with a layer's index and a case's values, in the order its contract's {@link
 * LayerContract#caseValues()} lists them (never expected values), or {@link #QUIT}. For every case
 * the child answers with one outcome per call (the constructor, then each step) and {@link
 * #CASE_END}; each outcome is sent as its call ends, but for the last step's, which goes with the
 * case's end. Members go by their keys.
 */
public final class Protocol {

  /** Parent to child: a case follows (the layer's index, then its values). */
  public static final byte RUN_CASE = 1;

  /** Parent to child: no more cases. */
  public static final byte QUIT = 2;

  /**
   * Parent to child: the next cases' output belongs to a section of its own (say, hidden cases
   * after public ones); a mark follows, which the child writes to its stdout and stderr after
   * whatever was printed so far, then answers {@link #SECTION_MARKED}.
   */
  public static final byte SECTION = 3;

  /**
   * Parent to child: check the student's backward against centred differences of the student's own
   * forward on a small case (the layer's index and values as for a case; the upstream gradient is
   * not used). One outcome answers: returned, then backward's outputs (present or not, then each)
   * and the centred differences of every gradient the contract's backprop names; or how the
   * student's code failed.
   */
  public static final byte GRADIENT_CHECK = 4;

  /** Child to parent: the call returned; its value follows, if it has one. */
  public static final byte RETURNED = 10;

  /** Child to parent: the call threw; type, message and the student's stack frames follow. */
  public static final byte THREW = 11;

  /** Child to parent: the call could not be made; the missing member's key follows. */
  public static final byte UNAVAILABLE = 12;

  /**
   * Child to parent: the call was not made because an earlier call of the case did not return; that
   * step's key follows.
   */
  public static final byte SKIPPED = 13;

  /**
   * Child to parent, after the outcomes of a case: how the case left things. The inputs the calls
   * modified (count, then call, input, index, value before, value after, how), the threads the
   * student's code left running (count, then names), and how many daemon threads it started that
   * still run.
   */
  public static final byte CASE_END = 14;

  /**
   * Child to parent, from a shutdown hook in place of an outcome: student code called System.exit
   * during a call; the member's key and the caller's frames follow, then the JVM ends.
   */
  public static final byte EXITED = 15;

  /** Child to parent: the mark asked for by {@link #SECTION} is written. */
  public static final byte SECTION_MARKED = 16;

  private Protocol() {}
}
