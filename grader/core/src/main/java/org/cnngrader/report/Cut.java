package org.cnngrader.report;

import java.text.NumberFormat;
import java.util.Locale;

/** A text cut to a length, saying how much of it is not shown. */
final class Cut {

  private Cut() {}

  /**
   * {@code text} when it has at most {@code chars} characters, else its start followed by "… N more
   * characters not shown", all within {@code chars} characters where {@code chars} leaves room for
   * the note. A surrogate pair is never split.
   */
  static String toLength(String text, int chars) {
    if (chars < 0) {
      throw new IllegalArgumentException("a length must not be negative, found " + chars);
    }
    if (text.length() <= chars) {
      return text;
    }
    int kept = Math.max(0, chars - 48);
    if (kept > 0 && Character.isHighSurrogate(text.charAt(kept - 1))) {
      kept--;
    }
    return text.substring(0, kept)
        + (kept > 0 ? "\n" : "")
        + "… "
        + NumberFormat.getIntegerInstance(Locale.ROOT).format(text.length() - kept)
        + " more characters not shown";
  }
}
