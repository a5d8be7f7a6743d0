package org.cnngrader.similarity;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jsoup.nodes.DataNode;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.DocumentType;
import org.jsoup.nodes.Element;

/**
 * similarity.html: one page that needs nothing but itself (no script, no font, no network) for a TA
 * to judge the most similar pairs: a table of the pairs at or above the threshold, then, for each,
 * the files of both submissions side by side, every matched region marked in a colour of its own
 * and numbered alike on both sides. Student code is text on this page, never markup.
 */
public final class SimilarityPage {

  public static final String FILE = "similarity.html";

  /**
   * At most this many pairs are shown side by side, the most similar: a page a browser opens at
   * once (a pair of four layers' code is ~75 KB of marked lines).
   */
  static final int SIDE_BY_SIDE = 25;

  /** At most this many pairs are listed in the table. */
  static final int LISTED = 500;

  /** Colours of the matched regions, taken in turn. */
  private static final int COLOURS = 6;

  private static final String STYLE =
      """
      body { font-family: system-ui, sans-serif; margin: 1.5em; color: #1b1b1b; }
      table.pairs { border-collapse: collapse; }
      table.pairs th, table.pairs td { border: 1px solid #ccc; padding: 0.25em 0.6em; text-align: left; }
      td.number { text-align: right; font-variant-numeric: tabular-nums; }
      .side { display: grid; grid-template-columns: 1fr 1fr; gap: 1em; }
      .side > div { min-width: 0; }
      pre { background: #fafafa; border: 1px solid #ddd; padding: 0.4em; overflow-x: auto; font-size: 12px; }
      .ln { color: #888; display: inline-block; width: 3.5em; user-select: none; }
      .tag { font-weight: bold; font-size: 10px; }
      .m0 { background: #ffe08a; } .m1 { background: #b5e3ff; } .m2 { background: #c7f0c1; }
      .m3 { background: #ffc9c9; } .m4 { background: #e3d1ff; } .m5 { background: #ffd8b0; }
      .note { color: #555; }
      """;

  private SimilarityPage() {}

  /**
   * The page of {@code compared}, showing side by side the pairs whose similarity is at least
   * {@code threshold} (a fraction).
   */
  public static String render(Compared compared, double threshold) {
    Document page = Document.createShell("");
    page.prependChild(new DocumentType("html", "", ""));
    page.outputSettings().charset("UTF-8");
    page.head().appendElement("meta").attr("charset", "utf-8");
    String title =
        "Similarity: "
            + compared.sources().size()
            + " submissions, "
            + compared.pairs().size()
            + " pairs";
    page.title(title);
    page.head().appendElement("style").appendChild(new DataNode(STYLE));
    Element body = page.body();
    body.appendElement("h1").text(title);
    List<Pair> shown =
        compared.pairs().stream().filter(pair -> pair.similarity() >= threshold).toList();
    body.appendElement("p")
        .addClass("note")
        .text(
            String.format(
                Locale.ROOT,
                "Compared by JPlag on this machine, the handout's code left out of the matches; a"
                    + " match spans at least %d tokens. %d of %d pairs share %s or more of their"
                    + " code%s; similarity.csv lists every pair. Similar code is a reason to"
                    + " look, not a verdict: short, constrained code (a loop over four indices)"
                    + " is alike in independent solutions.",
                SimilarityCheck.MINIMUM_TOKEN_MATCH,
                shown.size(),
                compared.pairs().size(),
                percent(threshold),
                shown.size() > SIDE_BY_SIDE
                    ? "; the "
                        + SIDE_BY_SIDE
                        + " most similar are shown side by side"
                        + (shown.size() > LISTED ? ", the " + LISTED + " most similar listed" : "")
                    : ", shown side by side below"));
    if (!compared.leftOut().isEmpty()) {
      Element list = body.appendElement("p").text("Not compared:").appendElement("ul");
      compared.leftOut().forEach((id, why) -> list.appendElement("li").text(id + ": " + why));
    }
    Element table = body.appendElement("table").addClass("pairs");
    Element head = table.appendElement("thead").appendElement("tr");
    for (String column : List.of("#", "first", "second", "similarity", "matched tokens")) {
      head.appendElement("th").text(column);
    }
    Element rows = table.appendElement("tbody");
    for (int i = 0; i < Math.min(LISTED, shown.size()); i++) {
      Pair pair = shown.get(i);
      Element row = rows.appendElement("tr");
      Element number = row.appendElement("td").addClass("number");
      if (i < SIDE_BY_SIDE) {
        number.appendElement("a").attr("href", "#pair-" + (i + 1)).text(Integer.toString(i + 1));
      } else {
        number.text(Integer.toString(i + 1));
      }
      row.appendElement("td").text(pair.first());
      row.appendElement("td").text(pair.second());
      row.appendElement("td").addClass("number").text(percent(pair.similarity()));
      row.appendElement("td").addClass("number").text(Integer.toString(pair.matchedTokens()));
    }
    for (int i = 0; i < Math.min(SIDE_BY_SIDE, shown.size()); i++) {
      pairSection(body, shown.get(i), i + 1, compared.sources());
    }
    return page.outerHtml();
  }

  private static void pairSection(
      Element body, Pair pair, int number, Map<String, Map<String, String>> sources) {
    Element section = body.appendElement("section").id("pair-" + number);
    section
        .appendElement("h2")
        .text(
            number
                + ". "
                + pair.first()
                + " and "
                + pair.second()
                + ": "
                + percent(pair.similarity())
                + ", "
                + pair.matchedTokens()
                + " matched tokens");
    Element regions = section.appendElement("ol").addClass("note");
    for (int r = 0; r < pair.regions().size(); r++) {
      Region region = pair.regions().get(r);
      regions
          .appendElement("li")
          .addClass("m" + r % COLOURS)
          .text(
              region.firstFile()
                  + " "
                  + region.firstLines()
                  + " = "
                  + region.secondFile()
                  + " "
                  + region.secondLines()
                  + " ("
                  + region.tokens()
                  + " tokens)");
    }
    Element side = section.appendElement("div").addClass("side");
    column(side, pair.first(), sources.getOrDefault(pair.first(), Map.of()), pair, true);
    column(side, pair.second(), sources.getOrDefault(pair.second(), Map.of()), pair, false);
  }

  /** One submission's files that hold a match, every line numbered, matched lines marked. */
  private static void column(
      Element side, String id, Map<String, String> files, Pair pair, boolean first) {
    Element column = side.appendElement("div");
    column.appendElement("h3").text(id);
    Set<String> matched = new LinkedHashSet<>();
    pair.regions().forEach(r -> matched.add(first ? r.firstFile() : r.secondFile()));
    for (String file : matched) {
      column.appendElement("h4").text(file);
      Element pre = column.appendElement("pre");
      String[] lines = files.getOrDefault(file, "").split("\n", -1);
      for (int line = 1; line <= lines.length; line++) {
        List<Integer> marks = new ArrayList<>();
        for (int r = 0; r < pair.regions().size(); r++) {
          Region region = pair.regions().get(r);
          String regionFile = first ? region.firstFile() : region.secondFile();
          Region.Lines span = first ? region.firstLines() : region.secondLines();
          if (regionFile.equals(file) && span.contains(line)) {
            marks.add(r);
          }
        }
        pre.appendElement("span").addClass("ln").text(Integer.toString(line));
        Element code = pre.appendElement("span");
        if (!marks.isEmpty()) {
          int r = marks.get(0);
          code.addClass("m" + r % COLOURS).attr("title", "match " + (r + 1));
          Region.Lines span =
              first ? pair.regions().get(r).firstLines() : pair.regions().get(r).secondLines();
          if (span.first() == line) {
            code.appendElement("span").addClass("tag").text("[" + (r + 1) + "] ");
          }
        }
        code.appendText(lines[line - 1] + "\n");
      }
    }
  }

  private static String percent(double fraction) {
    return String.format(Locale.ROOT, "%.0f%%", 100 * fraction);
  }
}
