package org.cnngrader.runner;

/**
 * Tags of the messages between the parent and the child. The parent sends {@link #RUN_CASE} with a
 * case's inputs (never expected values) or {@link #QUIT}. The child first answers with its contract
 * report, then, for every case, three outcomes in order: constructor, forward, backward.
 */
public final class Protocol {

  /** Parent to child: a case follows (stride, pad, x, w, b, dout). */
  public static final byte RUN_CASE = 1;

  /** Parent to child: no more cases. */
  public static final byte QUIT = 2;

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

  private Protocol() {}
}
