package org.cnngrader.report;

import java.util.ArrayList;
import java.util.List;
import org.cnngrader.feedback.FeedbackWriter;
import org.cnngrader.grading.PartResult;
import org.cnngrader.grading.SubmissionResult;

/**
 * The feedback of results.json as Markdown, which Gradescope renders ({@code output_format} and
 * {@code test_output_format} {@code md}): the text as the student's check prints it, in a code
 * block (shape derivations keep their alignment, and text from student code, such as an exception's
 * message, can make no markup), then each likely mistake as an item of a list, in bold.
 */
final class GradescopeMarkdown {

  private static final String LIKELY_MISTAKE = "Likely mistake: ";

  private GradescopeMarkdown() {}

  static String summary(SubmissionResult result) {
    return of(FeedbackWriter.summary(result));
  }

  /** A part's feedback, out of {@code budget}: the file's share that its tests quote. */
  static String part(PartResult part, TextBudget budget) {
    return of(budget.take(FeedbackWriter.describe(part)));
  }

  /**
   * Text in a list item, its characters that would make emphasis, code or HTML escaped. Brackets
   * stay: without a link's parenthesis or a reference they are text, and w[f][c] reads as written.
   */
  private static String escaped(String text) {
    return text.replaceAll("([\\\\`*_<>~])", "\\\\$1");
  }

  /** {@code text} with its "Likely mistake:" lines drawn out of the code block into a list. */
  static String of(String text) {
    List<String> kept = new ArrayList<>();
    List<String> mistakes = new ArrayList<>();
    for (String line : text.split("\n", -1)) {
      if (line.startsWith(LIKELY_MISTAKE)) {
        mistakes.add(line.substring(LIKELY_MISTAKE.length()));
      } else {
        kept.add(line);
      }
    }
    String block = String.join("\n", kept).strip();
    StringBuilder md = new StringBuilder();
    if (!block.isEmpty()) {
      md.append(MarkdownReport.fenced(block));
    }
    if (!block.isEmpty() && !mistakes.isEmpty()) {
      md.append('\n');
    }
    for (String mistake : mistakes) {
      md.append("- **Likely mistake:** ")
          .append(escaped(SummaryTable.printable(mistake)))
          .append('\n');
    }
    return md.toString();
  }
}
