package org.cnngrader.runner;

/**
 * Tags of the messages between the parent and the child. The parent sends {@link #RUN_CASE} with a
 * case's inputs (never expected values) or {@link #QUIT}. The child first answers with its contract
 * report, then, for every case, three outcomes in order (constructor, forward, backward) and {@link
 * #CASE_END}.
 */
public final class Protocol {

  /** Parent to child: a case follows (stride, pad, x, w, b, dout). */
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
   * forward on a small case (stride, pad, x, w, b, dout as for a case; dout is not used). One
   * outcome answers: returned, then backward's gradients (present or not, then dx, dw, db) and the
   * centred differences (dx, dw, db); or how the student's code failed.
   */
  public static final byte GRADIENT_CHECK = 4;

  /** Child to parent: the call returned; its value follows, if it has one. */
  public static final byte RETURNED = 10;

  /** Child to parent: the call threw; type, message and the student's stack frames follow. */
  public static final byte THREW = 11;

  /** Child to parent: the call could not be made; the missing member's code follows. */
  public static final byte UNAVAILABLE = 12;

  /**
   * Child to parent: the call was not made because an earlier call of the case did not return; that
   * member's code follows.
   */
  public static final byte SKIPPED = 13;

  /**
   * Child to parent, after the three outcomes of a case: how the case left things. The inputs the
   * calls modified (count, then call, input, index, value before, value after, how), the threads
   * the student's code left running (count, then names), and how many daemon threads it started
   * that still run.
   */
  public static final byte CASE_END = 14;

  /**
   * Child to parent, from a shutdown hook in place of an outcome: student code called System.exit
   * during a call; the member's code and the caller's frames follow, then the JVM ends.
   */
  public static final byte EXITED = 15;

  /** Child to parent: the mark asked for by {@link #SECTION} is written. */
  public static final byte SECTION_MARKED = 16;

  private Protocol() {}
}
