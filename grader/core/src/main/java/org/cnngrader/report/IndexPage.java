package org.cnngrader.report;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.cnngrader.feedback.FeedbackWriter;
import org.cnngrader.resources.ResourceBound;
import org.cnngrader.sandbox.SandboxLevel;
import org.jsoup.nodes.DataNode;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.DocumentType;
import org.jsoup.nodes.Element;

/**
 * The page of a whole grading run: a histogram of scores (as a percentage of the maximum, in
 * tenths), one row per submission linking to its report, and how student code was confined.
 */
public final class IndexPage {

  public static final String FILE = "index.html";

  private static final int BINS = 10;
  private static final int BAR_WIDTH = 36;
  private static final int CHART_HEIGHT = 120;

  private IndexPage() {}

  public static String render(List<Scoresheet> results) {
    return render(results, List.of());
  }

  /**
   * The page: scores of the submissions graded, then those the grader failed on, which count in no
   * statistic.
   */
  public static String render(List<Scoresheet> results, List<GraderError> errors) {
    Document page = Document.createShell("");
    page.prependChild(new DocumentType("html", "", ""));
    page.outputSettings().charset("UTF-8");
    page.head().appendElement("meta").attr("charset", "utf-8");
    String title = "Grades: " + count(results.size());
    page.title(title);
    page.head().appendElement("style").appendChild(new DataNode(HtmlReport.STYLE));
    Element body = page.body();
    body.appendElement("h1").text(title);
    body.appendElement("h2").text("Scores");
    // A submission of which no code was graded has no grade: it counts in no statistic.
    List<Scoresheet> graded = results.stream().filter(r -> !r.noCode()).toList();
    if (!graded.isEmpty()) {
      double[] percents = graded.stream().mapToDouble(r -> 100 * fraction(r)).sorted().toArray();
      double median =
          percents.length % 2 == 1
              ? percents[percents.length / 2]
              : (percents[percents.length / 2 - 1] + percents[percents.length / 2]) / 2;
      body.appendElement("p")
          .text(
              String.format(
                  Locale.ROOT,
                  "Mean %.0f%%, median %.0f%% of the maximum; %d with full marks.",
                  Arrays.stream(percents).average().orElse(0),
                  median,
                  graded.stream().filter(r -> fraction(r) >= 1).count()));
    }
    int noCode = results.size() - graded.size();
    if (noCode > 0) {
      body.appendElement("p")
          .addClass("no-code")
          .text(
              noCode
                  + (noCode == 1 ? " submission" : " submissions")
                  + " with no code graded (no grade, in no statistic): "
                  + results.stream()
                      .filter(Scoresheet::noCode)
                      .map(Scoresheet::id)
                      .collect(Collectors.joining(", "))
                  + ".");
    }
    histogram(body, graded);
    Element table = body.appendElement("table").addClass("parts");
    Element head = table.appendElement("thead").appendElement("tr");
    List<String> layers =
        results.stream()
            .flatMap(r -> r.layerScores().stream())
            .map(Scoresheet.LayerScore::layer)
            .distinct()
            .toList();
    for (String column : List.of("submission", "score", "max", "%")) {
      head.appendElement("th").text(column);
    }
    layers.forEach(layer -> head.appendElement("th").text(layer));
    head.appendElement("th").text("parts passed");
    head.appendElement("th").text("likely mistake, else first problem");
    Element rows = table.appendElement("tbody");
    for (Scoresheet result : results) {
      Element row = rows.appendElement("tr");
      row.appendElement("td")
          .appendElement("a")
          .attr("href", link(result.id()) + "/" + HtmlReport.FILE)
          .text(result.id());
      row.appendElement("td")
          .text(result.noCode() ? SummaryTable.NO_CODE : FeedbackWriter.points(result.score()));
      row.appendElement("td").text(FeedbackWriter.points(result.maxScore()));
      row.appendElement("td")
          .text(result.noCode() ? "-" : String.format(Locale.ROOT, "%.1f", 100 * fraction(result)));
      for (String layer : layers) {
        row.appendElement("td")
            .addClass("points")
            .text(
                result.layerScores().stream()
                    .filter(l -> l.layer().equals(layer))
                    .findFirst()
                    .map(
                        l ->
                            FeedbackWriter.points(l.score())
                                + " / "
                                + FeedbackWriter.points(l.max()))
                    .orElse("-"));
      }
      row.appendElement("td").text(result.passedParts() + "/" + result.parts().size());
      row.appendElement("td")
          .addClass("problem")
          .text(SummaryTable.printable(result.firstProblem()));
    }
    confinement(body, results);
    if (!errors.isEmpty()) {
      body.appendElement("h2").text("Not graded: faults of the grader, graded again next run");
      Element list = body.appendElement("ul").addClass("grader-errors");
      for (GraderError error : errors) {
        Element item = list.appendElement("li");
        item.appendElement("code").text(error.id());
        item.appendText(": " + error.message());
      }
    }
    return page.outerHtml();
  }

  private static String count(int submissions) {
    return submissions + (submissions == 1 ? " submission" : " submissions");
  }

  /**
   * How student code was confined, one item per distinct confinement: a run resumed or merged from
   * shards may hold submissions graded on other machines, at other levels.
   */
  private static void confinement(Element body, List<Scoresheet> results) {
    if (results.isEmpty()) {
      return;
    }
    Map<Confinement, Long> counts =
        results.stream()
            .collect(
                Collectors.groupingBy(
                    Scoresheet::confinement, LinkedHashMap::new, Collectors.counting()));
    body.appendElement("h2").text("How student code was confined");
    Element list = body.appendElement("ul").addClass("confinement");
    counts.forEach(
        (confinement, count) -> {
          Element item = list.appendElement("li");
          item.appendText(count((int) (long) count) + ": ");
          if (!confinement.recorded()) {
            item.appendText("not recorded (graded by an earlier version of the grader).");
            return;
          }
          item.appendText(levelWords(confinement) + ".");
          if (!confinement.held().isEmpty()) {
            item.appendText(" Bounded per child: " + resources(confinement.held()) + ".");
          }
          for (ResourceBound missing : confinement.unbounded()) {
            item.appendElement("div")
                .addClass("note")
                .text("Not bounded: " + missing.resource().words() + ": " + missing.how());
          }
        });
    body.appendElement("p")
        .addClass("legend")
        .text("Each submission's provenance.json says how every bound held.");
  }

  private static String levelWords(Confinement confinement) {
    String promises =
        Arrays.stream(SandboxLevel.values())
            .filter(level -> level.key().equals(confinement.level()))
            .findFirst()
            .map(SandboxLevel::description)
            .orElse(confinement.level());
    return "sandbox level " + confinement.levelNumber() + ", " + promises;
  }

  private static String resources(List<ResourceBound> bounds) {
    return bounds.stream().map(b -> b.resource().words()).collect(Collectors.joining(", "));
  }

  /** The share of the maximum a submission earned, 0 when there was nothing to earn. */
  private static double fraction(Scoresheet result) {
    return result.maxScore() == 0 ? 0 : result.score() / result.maxScore();
  }

  /** A path segment for an id, whatever characters a student's file name gave it. */
  private static String link(String id) {
    return URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** Counts per tenth of the maximum, the last bin holding full marks too, as an inline SVG. */
  static int[] bins(List<Scoresheet> results) {
    int[] counts = new int[BINS];
    for (Scoresheet result : results) {
      counts[Math.min(BINS - 1, (int) Math.floor(fraction(result) * BINS))]++;
    }
    return counts;
  }

  private static void histogram(Element body, List<Scoresheet> results) {
    int[] counts = bins(results);
    int most = Math.max(1, Arrays.stream(counts).max().orElse(1));
    int width = BINS * BAR_WIDTH;
    Element svg =
        body.appendElement("svg")
            .attr("xmlns", "http://www.w3.org/2000/svg")
            .attr("width", Integer.toString(width))
            .attr("height", Integer.toString(CHART_HEIGHT + 40))
            .attr("role", "img")
            .attr("aria-label", "histogram of scores");
    for (int bin = 0; bin < BINS; bin++) {
      int height = (int) Math.round((double) counts[bin] / most * CHART_HEIGHT);
      int x = bin * BAR_WIDTH;
      Element bar =
          svg.appendElement("rect")
              .attr("x", Integer.toString(x + 2))
              .attr("y", Integer.toString(CHART_HEIGHT - height + 16))
              .attr("width", Integer.toString(BAR_WIDTH - 4))
              .attr("height", Integer.toString(height))
              .attr("fill", "#4a7bd0");
      String range = (bin * 10) + "-" + (bin == BINS - 1 ? 100 : bin * 10 + 9) + "%";
      bar.appendElement("title").text(range + ": " + counts[bin]);
      svg.appendElement("text")
          .attr("x", Integer.toString(x + BAR_WIDTH / 2))
          .attr("y", Integer.toString(CHART_HEIGHT - height + 12))
          .attr("text-anchor", "middle")
          .attr("font-size", "11")
          .text(counts[bin] == 0 ? "" : Integer.toString(counts[bin]));
      svg.appendElement("text")
          .attr("x", Integer.toString(x + BAR_WIDTH / 2))
          .attr("y", Integer.toString(CHART_HEIGHT + 32))
          .attr("text-anchor", "middle")
          .attr("font-size", "10")
          .text(Integer.toString(bin * 10));
    }
    body.appendElement("p")
        .addClass("legend")
        .text("Submissions by score, in tenths of the maximum (0 = 0-9.9%, ..., 90 = 90-100%).");
  }
}
