package org.cnngrader.report;

import java.util.List;
import java.util.Locale;
import org.cnngrader.feedback.FeedbackWriter;
import org.cnngrader.grading.SubmissionResult;

/** The one-line-per-submission table the grader prints for the TA. */
public final class SummaryTable {

  private static final int PROBLEM_WIDTH = 120;

  private SummaryTable() {}

  public static String render(List<SubmissionResult> results) {
    return render(results, Highlight.PLAIN);
  }

  /** The table with each submission's score marked by {@code highlight}. */
  public static String render(List<SubmissionResult> results, Highlight highlight) {
    int idWidth = Math.max(10, results.stream().mapToInt(r -> r.id().length()).max().orElse(0));
    StringBuilder table = new StringBuilder();
    String format = "%-" + idWidth + "s  %7s  %7s  %9s  %7s  %s%n";
    table.append(
        String.format(
            Locale.ROOT, format, "submission", "score", "max", "parts", "time", "first problem"));
    for (SubmissionResult result : results) {
      String score = String.format(Locale.ROOT, "%7s", FeedbackWriter.points(result.score()));
      table.append(
          String.format(
              Locale.ROOT,
              format.replaceFirst("%7s", "%s"),
              printable(result.id()),
              mark(result, score, highlight),
              FeedbackWriter.points(result.maxScore()),
              result.passedParts() + "/" + result.parts().size(),
              String.format(Locale.ROOT, "%.1fs", result.elapsed().toMillis() / 1000.0),
              FeedbackWriter.headline(result)
                  .map(SummaryTable::printable)
                  .map(SummaryTable::shorten)
                  .orElse("")));
    }
    return table.toString();
  }

  private static String mark(SubmissionResult result, String score, Highlight highlight) {
    if (result.maxScore() > 0 && result.score() >= result.maxScore()) {
      return highlight.full(score);
    }
    return result.score() > 0 ? highlight.partial(score) : highlight.none(score);
  }

  /**
   * Student text with every control character shown as {@code ?}: an exception message holding
   * terminal escapes must not move the cursor, erase lines or retitle the TA's terminal.
   */
  public static String printable(String text) {
    return printable(text, false);
  }

  /** The same, keeping line breaks and tabs: for text shown as a block. */
  static String printableLines(String text) {
    return printable(text, true);
  }

  private static String printable(String text, boolean keepLines) {
    StringBuilder safe = new StringBuilder(text.length());
    text.codePoints()
        .forEach(
            c ->
                safe.appendCodePoint(
                    Character.isISOControl(c) && !(keepLines && (c == '\n' || c == '\t'))
                        ? '?'
                        : c));
    return safe.toString();
  }

  /** Cut at a word boundary, so that no number is shown half. */
  private static String shorten(String text) {
    if (text.length() <= PROBLEM_WIDTH) {
      return text;
    }
    int cut = text.lastIndexOf(' ', PROBLEM_WIDTH - 4);
    return text.substring(0, cut > 0 ? cut : PROBLEM_WIDTH - 4) + " ...";
  }
}
