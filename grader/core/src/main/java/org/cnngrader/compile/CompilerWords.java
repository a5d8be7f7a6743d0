package org.cnngrader.compile;

import java.time.Duration;
import java.util.Locale;

/**
 * How a compilation that ran out of something is told: what ran out, in which file and at which
 * step, and what in a submission's sources usually causes it.
 */
final class CompilerWords {

  private CompilerWords() {}

  static String tookTooLong(Duration limit, String step, String origin) {
    return "compilation took longer than "
        + seconds(limit)
        + " and was stopped"
        + where(step, origin)
        + ": look for "
        + CAUSES;
  }

  static String ranOutOfMemory(long heapMebibytes, String step, String origin) {
    return "the compiler ran out of memory (it may use "
        + heapMebibytes
        + " MiB)"
        + where(step, origin)
        + ": look for "
        + CAUSES;
  }

  static String ranOutOfStack(String step, String origin) {
    return "the compiler ran out of stack"
        + where(step, origin)
        + ": look for expressions or statements nested thousands deep";
  }

  static String ended(Integer status, String step, String origin) {
    return "the compiler's JVM ended"
        + (status == null ? "" : " (exit status " + status + ")")
        + where(step, origin);
  }

  private static final String CAUSES =
      "compile-time constants that grow (a String constant built from itself again and again),"
          + " expressions nested thousands deep, or generic calls whose types are hard to infer";

  /** " while checking cnn/Conv2d.java", or nothing before javac started on a file. */
  private static String where(String step, String origin) {
    if (origin == null || origin.isEmpty()) {
      return "";
    }
    String doing =
        switch (step.toLowerCase(Locale.ROOT)) {
          case "parse" -> "reading";
          case "enter" -> "entering the classes of";
          case "analyze" -> "checking";
          case "generate" -> "writing the classes of";
          default -> "compiling";
        };
    return " while " + doing + " " + origin;
  }

  private static String seconds(Duration duration) {
    return java.math.BigDecimal.valueOf(duration.toMillis(), 3).stripTrailingZeros().toPlainString()
        + " s";
  }
}
