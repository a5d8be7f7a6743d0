package org.cnngrader.report;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.cnngrader.compile.Compilation;
import org.cnngrader.feedback.FeedbackWriter;
import org.cnngrader.grading.PartResult;
import org.cnngrader.grading.SubmissionResult;

/** The one-line-per-submission table the grader prints for the TA. */
public final class SummaryTable {

  private static final int PROBLEM_WIDTH = 120;

  private SummaryTable() {}

  public static String render(List<SubmissionResult> results) {
    int idWidth = Math.max(10, results.stream().mapToInt(r -> r.id().length()).max().orElse(0));
    StringBuilder table = new StringBuilder();
    String format = "%-" + idWidth + "s  %7s  %7s  %9s  %7s  %s%n";
    table.append(
        String.format(
            Locale.ROOT, format, "submission", "score", "max", "parts", "time", "first problem"));
    for (SubmissionResult result : results) {
      table.append(
          String.format(
              Locale.ROOT,
              format,
              result.id(),
              FeedbackWriter.points(result.score()),
              FeedbackWriter.points(result.maxScore()),
              result.passedParts() + "/" + result.parts().size(),
              String.format(Locale.ROOT, "%.1fs", result.elapsed().toMillis() / 1000.0),
              firstProblem(result).orElse("")));
    }
    return table.toString();
  }

  /** What the TA should read first: why nothing ran, else the first part that failed. */
  private static Optional<String> firstProblem(SubmissionResult result) {
    Optional<Compilation> compilation = result.compilation();
    if (compilation.isPresent() && compilation.get() instanceof Compilation.NoSources none) {
      return Optional.of(none.reason());
    }
    if (compilation.isPresent() && compilation.get() instanceof Compilation.Failed failed) {
      return Optional.of(
          shorten("does not compile: " + failed.diagnostics().lines().findFirst().orElse("")));
    }
    return result.parts().stream().filter(p -> !p.passed()).findFirst().map(SummaryTable::oneLine);
  }

  /** Cut at a word boundary, so that no number is shown half. */
  private static String shorten(String text) {
    if (text.length() <= PROBLEM_WIDTH) {
      return text;
    }
    int cut = text.lastIndexOf(' ', PROBLEM_WIDTH - 4);
    return text.substring(0, cut > 0 ? cut : PROBLEM_WIDTH - 4) + " ...";
  }

  private static String oneLine(PartResult part) {
    String text = part.name() + ": " + FeedbackWriter.describe(part).lines().findFirst().orElse("");
    return text.length() <= PROBLEM_WIDTH ? text : text.substring(0, PROBLEM_WIDTH - 3) + "...";
  }
}
