package org.cnngrader.report;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cnngrader.feedback.FeedbackWriter;
import org.cnngrader.fixture.Visibility;
import org.cnngrader.grading.PartResult;
import org.cnngrader.grading.SubmissionResult;
import org.cnngrader.layer.Part;

/**
 * A submission's results in Markdown, for pasting into merge requests and issues: the score, a
 * table of cases and parts, then the feedback of every part that failed. Student text goes only
 * into fenced blocks whose fence is longer than any run of backticks in it, so it cannot break out.
 */
public final class MarkdownReport {

  public static final String FILE = "report.md";

  private static final Pattern BACKTICKS = Pattern.compile("`+");

  private MarkdownReport() {}

  public static String render(SubmissionResult result) {
    StringBuilder md = new StringBuilder();
    md.append("# ")
        .append(ResultsTitle.of(result))
        .append(": ")
        .append(inline(result.id()))
        .append("\n\n");
    md.append(
        String.format(
            "**Score: %s / %s** (%d of %d parts passed)%n%n",
            FeedbackWriter.points(result.score()),
            FeedbackWriter.points(result.maxScore()),
            result.passedParts(),
            result.parts().size()));
    if (!result.parts(Visibility.HIDDEN).isEmpty()) {
      md.append(
          "Hidden cases are included below: share this report with a student only once grades"
              + " are published.\n\n");
    }
    for (CaseTable table : CaseTable.of(result)) {
      md.append("## ").append(table.title()).append("\n\n");
      partsTable(md, table);
      md.append('\n');
    }
    List<Failures.Group> failed = Failures.grouped(result, new TextBudget());
    if (!failed.isEmpty()) {
      md.append("## What failed\n");
      for (Failures.Group group : failed) {
        md.append("\n### ").append(inline(Failures.title(group))).append("\n\n");
        md.append(fenced(group.feedback()));
      }
    }
    String summary = FeedbackWriter.summary(result);
    md.append("\n## Summary as the student sees it\n\n").append(fenced(summary));
    return md.toString();
  }

  private static void partsTable(StringBuilder md, CaseTable table) {
    List<Part> parts = table.layer().parts();
    md.append("| case |");
    for (Part part : parts) {
      md.append(' ').append(part.label()).append(" |");
    }
    md.append("\n|---|");
    md.append("---|".repeat(parts.size())).append('\n');
    for (CaseTable.Row row : table.rows()) {
      md.append("| ")
          .append(inline(row.fixture().name()))
          .append(row.fixture().visibility() == Visibility.HIDDEN ? " (hidden)" : "")
          .append(" |");
      for (Part part : parts) {
        PartResult graded = row.parts().get(part);
        md.append(' ').append(graded == null ? "" : cell(graded)).append(" |");
      }
      md.append('\n');
    }
  }

  private static String cell(PartResult part) {
    return (part.passed() ? "✅ " : "❌ ")
        + FeedbackWriter.points(part.score())
        + "/"
        + FeedbackWriter.points(part.maxScore());
  }

  /** Text inside a table or heading: no pipes, no line breaks, no markup characters. */
  static String inline(String text) {
    return SummaryTable.printable(text).replaceAll("([\\\\`*_{}\\[\\]<>()#+!|])", "\\\\$1");
  }

  static String fenced(String raw) {
    String text = SummaryTable.printableLines(raw);
    int longest = 0;
    Matcher run = BACKTICKS.matcher(text);
    while (run.find()) {
      longest = Math.max(longest, run.group().length());
    }
    String fence = "`".repeat(Math.max(3, longest + 1));
    String body = text.endsWith("\n") ? text : text + "\n";
    return fence + "text\n" + body + fence + "\n";
  }
}
