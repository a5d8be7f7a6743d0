package org.cnngrader.report;

import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.cnngrader.feedback.FeedbackWriter;
import org.cnngrader.grading.SubmissionResult;

/** The one-line-per-submission table the grader prints for the TA. */
public final class SummaryTable {

  private static final int PROBLEM_WIDTH = 120;

  /** What the score column shows for a submission of which no code was graded: no grade. */
  static final String NO_CODE = "no code";

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
    List<String> layers =
        sheets.stream()
            .flatMap(s -> s.layerScores().stream())
            .map(Scoresheet.LayerScore::layer)
            .distinct()
            .toList();
    int[] layerWidths =
        layers.stream()
            .mapToInt(
                layer ->
                    Math.max(
                        layer.length(),
                        sheets.stream().mapToInt(s -> subtotal(s, layer).length()).max().orElse(1)))
            .toArray();
    StringBuilder table = new StringBuilder();
    String format = "%-" + idWidth + "s  %7s  %7s  %s%9s  %7s  %s%n";
    table.append(
        String.format(
            Locale.ROOT,
            format,
            "submission",
            "score",
            "max",
            layerCells(layers, layerWidths, layer -> layer),
            "parts",
            "time",
            "first problem"));
    for (Scoresheet sheet : sheets) {
      String score =
          String.format(
              Locale.ROOT, "%7s", sheet.noCode() ? NO_CODE : FeedbackWriter.points(sheet.score()));
      table.append(
          String.format(
              Locale.ROOT,
              format.replaceFirst("%7s", "%s"),
              printable(sheet.id()),
              mark(sheet, score, highlight),
              FeedbackWriter.points(sheet.maxScore()),
              layerCells(layers, layerWidths, layer -> subtotal(sheet, layer)),
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
              layerCells(layers, layerWidths, layer -> "-"),
              "-",
              "-",
              shorten(printable("not graded, a fault of the grader: " + error.message()))));
    }
    return table.toString();
  }

  /** Each layer's column, right-aligned, each followed by two spaces; nothing without layers. */
  private static String layerCells(
      List<String> layers, int[] widths, java.util.function.Function<String, String> cell) {
    StringBuilder cells = new StringBuilder();
    for (int i = 0; i < layers.size(); i++) {
      String text = cell.apply(layers.get(i));
      cells.append(" ".repeat(Math.max(0, widths[i] - text.length()))).append(text).append("  ");
    }
    return cells.toString();
  }

  /** "208/208": a layer's points of its maximum, or "-" for a layer the sheet has no part of. */
  private static String subtotal(Scoresheet sheet, String layer) {
    return sheet.layerScores().stream()
        .filter(l -> l.layer().equals(layer))
        .findFirst()
        .map(l -> FeedbackWriter.points(l.score()) + "/" + FeedbackWriter.points(l.max()))
        .orElse("-");
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
