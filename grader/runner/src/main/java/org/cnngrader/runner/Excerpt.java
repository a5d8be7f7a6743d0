package org.cnngrader.runner;

import java.util.Locale;

/**
 * Cuts text that student code controls to a fixed length, and says so: {@code "… 299,800 more
 * characters not shown"}. The one place that bounds such text: the child cuts with it before a
 * string crosses to the grader, the grader cuts with it again where the text arrives (the child is
 * student code's process, so what it sends is trusted no more than the student's code), and the
 * writers of reports cut with it when many bounded texts would add up.
 *
 * <p>It lives beside the runner rather than in the grader's core because the child runs the runner
 * alone: both ends must cut the same way.
 *
 * <p>A cut text is never longer than its limit, notice included, so cutting it again with the same
 * limit changes nothing: the child's notice arrives as the child wrote it.
 */
public final class Excerpt {

  /** An exception's message. */
  public static final int MESSAGE = 1_000;

  /** One stack frame: class, method and file names, all of the submission's choosing. */
  public static final int FRAME = 200;

  /** How many of a stack trace's frames are kept: the innermost, where the student's code is. */
  public static final int FRAMES = 12;

  /** A name from the submission: a class, a member, a file. */
  public static final int NAME = 200;

  /** What the compiler said of a submission that does not compile. */
  public static final int DIAGNOSTICS = 10_000;

  /** The feedback of one part of a case, whatever it quotes. */
  public static final int PART = 4_000;

  /**
   * A submission's summary: its counts, the static check's findings and the start of what its code
   * printed (the first 64 KiB of each group of cases are kept).
   */
  public static final int SUMMARY = 80_000;

  /** The longest notice: a count of {@code Long.MAX_VALUE}, grouped, and its words. */
  private static final int NOTICE_ROOM = notice(Long.MAX_VALUE, "characters").length();

  /** Below this, a limit leaves no room for the notice; a cut keeps nothing of the text then. */
  public static final int SMALLEST_LIMIT = NOTICE_ROOM;

  private Excerpt() {}

  /**
   * {@code text} when it has at most {@code limit} characters, else its start and a notice of how
   * many characters were left out, {@code limit} characters at most in all; null stays null.
   */
  public static String cut(String text, int limit) {
    if (limit < SMALLEST_LIMIT) {
      throw new IllegalArgumentException(
          "a limit of " + limit + " characters leaves no room for the notice of a cut");
    }
    if (text == null || text.length() <= limit) {
      return text;
    }
    int keep = limit - NOTICE_ROOM;
    // Never half a character: a surrogate pair is kept whole or left out.
    if (keep > 0 && Character.isHighSurrogate(text.charAt(keep - 1))) {
      keep--;
    }
    return text.substring(0, keep) + notice(text.length() - keep, "characters");
  }

  /** Says that {@code count} more {@code units} (characters, bytes) were left out. */
  public static String notice(long count, String units) {
    return String.format(Locale.ROOT, "… %,d more %s not shown", count, units);
  }
}
