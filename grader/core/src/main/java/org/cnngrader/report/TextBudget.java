package org.cnngrader.report;

import org.cnngrader.runner.Excerpt;

/**
 * The characters of feedback that one file may quote, shared by all its parts. Each text is bounded
 * where it arrives, but a file quotes one per part, hundreds of them: without a bound for the whole
 * file, its size would grow with the number of failing parts times that bound. So each part keeps
 * its first {@link #PER_PART} characters (the grader's own words for a part fit in them), and what
 * goes beyond draws on {@link #SHARED}, first come, first served. A file's parts then quote at most
 * {@code SHARED + parts * PER_PART} characters, whatever the submission does.
 */
final class TextBudget {

  /** What every part may quote, whatever the others took. */
  static final int PER_PART = 300;

  /** What the parts of one file may quote beyond {@link #PER_PART} each, in all. */
  static final int SHARED = 100_000;

  private int left = SHARED;

  /** {@code text}, cut to its part's own characters and what is left of the shared ones. */
  String take(String text) {
    String kept = Excerpt.cut(text, PER_PART + left);
    left -= Math.max(0, kept.length() - PER_PART);
    return kept;
  }
}
