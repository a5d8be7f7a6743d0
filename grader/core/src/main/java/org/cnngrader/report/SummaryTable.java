package org.cnngrader.report;

import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.cnngrader.feedback.FeedbackWriter;
import org.cnngrader.grading.SubmissionResult;

/** The one-line-per-submission table the grader prints for the TA. */
public final class SummaryTable {

  private static final int PROBLEM_WIDTH = 120;

  private SummaryTable() {}

  public static String render(List<SubmissionResult> results) {
    return render(results.stream().map(Scoresheet::of).toList(), List.of(), Highlight.PLAIN);
  }

  /**
   * The table: a row per submission graded (now or by the run this one resumes), its score marked
   * by {@code highlight}, then a row per submission the grader failed on.
   */
  public static String render(
      List<Scoresheet> sheets, List<GraderError> errors, Highlight highlight) {
    int idWidth =
        Math.max(
            10,
            Stream.concat(sheets.stream().map(Scoresheet::id), errors.stream().map(GraderError::id))
                .mapToInt(String::length)
                .max()
                .orElse(0));
    StringBuilder table = new StringBuilder();
    String format = "%-" + idWidth + "s  %7s  %7s  %9s  %7s  %s%n";
    table.append(
        String.format(
            Locale.ROOT, format, "submission", "score", "max", "parts", "time", "first problem"));
    for (Scoresheet sheet : sheets) {
      String score = String.format(Locale.ROOT, "%7s", FeedbackWriter.points(sheet.score()));
      table.append(
          String.format(
              Locale.ROOT,
              format.replaceFirst("%7s", "%s"),
              printable(sheet.id()),
              mark(sheet, score, highlight),
              FeedbackWriter.points(sheet.maxScore()),
              sheet.passedParts() + "/" + sheet.parts().size(),
              String.format(Locale.ROOT, "%.1fs", sheet.elapsed().toMillis() / 1000.0),
              shorten(printable(sheet.firstProblem()))));
    }
    for (GraderError error : errors) {
      table.append(
          String.format(
              Locale.ROOT,
              format,
              printable(error.id()),
              "-",
              "-",
              "-",
              "-",
              shorten(printable("not graded, a fault of the grader: " + error.message()))));
    }
    return table.toString();
  }

  private static String mark(Scoresheet sheet, String score, Highlight highlight) {
    if (sheet.maxScore() > 0 && sheet.score() >= sheet.maxScore()) {
      return highlight.full(score);
    }
    return sheet.score() > 0 ? highlight.partial(score) : highlight.none(score);
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
