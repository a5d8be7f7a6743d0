package org.cnngrader.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.cnngrader.feedback.FeedbackWriter;
import org.cnngrader.fixture.Visibility;
import org.cnngrader.grading.PartResult;
import org.cnngrader.grading.SubmissionResult;
import org.cnngrader.grading.Verdict;
import org.cnngrader.layer.Part;
import org.jsoup.nodes.DataNode;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.DocumentType;
import org.jsoup.nodes.Element;

/**
 * A submission's results as one self-contained page (no network, no other file): the score, a table
 * of cases and parts, the feedback of every failing part (with the output-size derivation for a
 * wrong shape) and, for wrong values, heat maps of where they are wrong. It is built as a DOM whose
 * text nodes are escaped on output, so no student text (output, exception messages, file names) can
 * become markup.
 */
public final class HtmlReport {

  public static final String FILE = "report.html";

  static final String STYLE =
      """
      body { font-family: system-ui, sans-serif; margin: 2em; color: #222; max-width: 72em; }
      h1 { font-size: 1.5em; } h2 { font-size: 1.2em; margin-top: 2em; } h3 { font-size: 1em; }
      .score { font-size: 1.2em; } .note { background: #fff4d6; padding: .5em 1em; }
      table.parts { border-collapse: collapse; } .parts th, .parts td { border: 1px solid #ccc;
        padding: .2em .6em; text-align: left; }
      td.pass { background: #e3f4e1; } td.fail { background: #fbe0e0; }
      td.points { white-space: nowrap; }
      td.problem { min-width: 16em; }
      pre { background: #f6f6f6; padding: .6em; white-space: pre-wrap; overflow-wrap: anywhere; }
      .maps { display: flex; flex-wrap: wrap; gap: 1.5em; }
      figure { margin: 0; } figcaption { font-size: .85em; color: #555; }
      .slice { display: flex; gap: .6em; align-items: flex-end; }
      .slice img { image-rendering: pixelated; border: 1px solid #999; max-width: 100%; }
      .label { font-size: .75em; color: #555; }
      """;

  /**
   * Bytes of the heat maps' data URLs, all together: they show the student's values, so how well
   * they compress is of the student's making.
   */
  static final int IMAGE_BUDGET = 1_000_000;

  private HtmlReport() {}

  public static String render(SubmissionResult result) {
    Document page = Document.createShell("");
    page.prependChild(new DocumentType("html", "", ""));
    page.outputSettings().charset("UTF-8");
    page.head().appendElement("meta").attr("charset", "utf-8");
    page.title(ResultsTitle.of(result) + ": " + result.id());
    page.head().appendElement("style").appendChild(new DataNode(STYLE));
    Element body = page.body();
    body.appendElement("h1").text(ResultsTitle.of(result) + ": " + result.id());
    body.appendElement("p")
        .addClass("score")
        .text(
            String.format(
                "Score: %s / %s (%d of %d parts passed)",
                FeedbackWriter.points(result.score()),
                FeedbackWriter.points(result.maxScore()),
                result.passedParts(),
                result.parts().size()));
    if (!result.parts(Visibility.HIDDEN).isEmpty()) {
      body.appendElement("p")
          .addClass("note")
          .text(
              "Hidden cases are included: share this page with a student only once grades are"
                  + " published.");
    }
    for (CaseTable table : CaseTable.of(result)) {
      body.appendElement("h2").text(table.title());
      partsTable(body, table, result);
    }
    List<Failures.Group> failed = Failures.grouped(result, new TextBudget());
    if (!failed.isEmpty()) {
      body.appendElement("h2").text("What failed");
      ImageBudget images = new ImageBudget(IMAGE_BUDGET);
      for (Failures.Group group : failed) {
        failure(body, group, result, images);
      }
      if (images.leftOut()) {
        body.appendElement("p")
            .addClass("note")
            .text(
                "Some heat maps are left out to keep this page small: its pictures take "
                    + String.format(Locale.ROOT, "%,d", IMAGE_BUDGET)
                    + " bytes at most.");
      }
    }
    body.appendElement("h2").text("Summary as the student sees it");
    body.appendElement("pre").text(SummaryTable.printableLines(FeedbackWriter.summary(result)));
    return page.outerHtml();
  }

  private static void partsTable(Element body, CaseTable cases, SubmissionResult result) {
    Element table = body.appendElement("table").addClass("parts");
    Element head = table.appendElement("thead").appendElement("tr");
    head.appendElement("th").text("case");
    for (Part part : cases.layer().parts()) {
      head.appendElement("th").text(part.label());
    }
    Element rows = table.appendElement("tbody");
    for (CaseTable.Row row : cases.rows()) {
      Element tr = rows.appendElement("tr");
      tr.appendElement("td")
          .text(
              row.fixture().name()
                  + (row.fixture().visibility() == Visibility.HIDDEN ? " (hidden)" : ""));
      for (Part kind : cases.layer().parts()) {
        PartResult part = row.parts().get(kind);
        Element cell = tr.appendElement("td");
        if (part == null) {
          continue;
        }
        String text =
            (part.passed() ? "✓ " : "✗ ")
                + FeedbackWriter.points(part.score())
                + "/"
                + FeedbackWriter.points(part.maxScore());
        if (part.passed()) {
          cell.addClass("pass").text(text);
        } else {
          cell.addClass("fail")
              .appendElement("a")
              .attr("href", "#" + anchor(result, part))
              .text(text);
        }
      }
    }
  }

  /** An anchor made from the part's position, never from text a student chose. */
  private static String anchor(SubmissionResult result, PartResult part) {
    return "part-" + result.parts().indexOf(part);
  }

  /** One feedback text with the parts that share it (the anchors of all of them lead here). */
  private static void failure(
      Element body, Failures.Group group, SubmissionResult result, ImageBudget images) {
    PartResult part = group.parts().get(0);
    Element heading = body.appendElement("h3").text(Failures.title(group));
    heading.attr("id", anchor(result, part));
    for (PartResult other : group.parts().subList(1, group.parts().size())) {
      heading.appendElement("span").attr("id", anchor(result, other));
    }
    body.appendElement("pre").text(SummaryTable.printableLines(group.feedback()));
    if (part.verdict() instanceof Verdict.WrongValues wrong
        && (wrong.expected().shape().rank() == 4 || wrong.expected().shape().rank() == 1)) {
      heatMaps(body, wrong, images);
    }
  }

  private static void heatMaps(Element body, Verdict.WrongValues wrong, ImageBudget images) {
    HeatMaps.Maps maps = HeatMaps.of(wrong.expected(), wrong.actual());
    List<HeatMaps.Slice> shown = new ArrayList<>();
    for (HeatMaps.Slice slice : maps.slices()) {
      int size = slice.expected().length() + slice.actual().length() + slice.difference().length();
      if (!images.take(size)) {
        break;
      }
      shown.add(slice);
    }
    if (shown.isEmpty()) {
      return;
    }
    Element figures = body.appendElement("div").addClass("maps");
    for (HeatMaps.Slice slice : shown) {
      Element figure = figures.appendElement("figure");
      Element row = figure.appendElement("div").addClass("slice");
      image(row, slice.expected(), "expected", wrong.tensor() + slice.label());
      image(row, slice.actual(), "actual", wrong.tensor() + slice.label());
      image(row, slice.difference(), "|actual - expected|", wrong.tensor() + slice.label());
      figure
          .appendElement("figcaption")
          .text(wrong.tensor() + slice.label() + ": largest difference " + short3(slice.worst()));
    }
    String scale =
        "Values: blue negative, white 0, red positive (up to ±"
            + short3(maps.valueRange())
            + "); differences: white 0 to black "
            + short3(maps.differenceRange())
            + "; magenta: NaN or infinite.";
    if (maps.total() > shown.size()) {
      scale +=
          " Showing the "
              + shown.size()
              + " of "
              + maps.total()
              + " maps that differ most; the others are left out.";
    }
    body.appendElement("p").addClass("legend").text(scale);
  }

  /** A picture with its label above it. */
  private static void image(Element row, String dataUri, String label, String slice) {
    Element cell = row.appendElement("div");
    cell.appendElement("div").addClass("label").text(label);
    String description = label + " " + slice;
    cell.appendElement("img")
        .attr("src", dataUri)
        .attr("alt", description)
        .attr("title", description);
  }

  /** Three significant digits: enough to read a scale. */
  private static String short3(double value) {
    return String.format(Locale.ROOT, "%.3g", value);
  }
}
