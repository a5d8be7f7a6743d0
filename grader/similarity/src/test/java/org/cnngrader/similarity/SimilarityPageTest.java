package org.cnngrader.similarity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

class SimilarityPageTest {

  /** {@code n} pairs of one-file submissions, each matching on its second line. */
  private static Compared pairs(int n) {
    List<Pair> pairs = new ArrayList<>();
    Map<String, Map<String, String>> sources = new TreeMap<>();
    for (int i = 0; i < n; i++) {
      String a = String.format("a%03d", i);
      String b = String.format("b%03d", i);
      sources.put(a, Map.of("cnn/Conv2d.java", "package cnn;\nclass Conv2d {}\n"));
      sources.put(b, Map.of("cnn/Conv2d.java", "package cnn;\nclass Conv2d {}\n"));
      Region.Lines second = new Region.Lines(2, 2);
      pairs.add(
          new Pair(
              a,
              b,
              1 - i / 1000.0,
              10,
              List.of(new Region("cnn/Conv2d.java", second, "cnn/Conv2d.java", second, 10))));
    }
    return new Compared(pairs, Map.of(), sources, zip -> {});
  }

  @Test
  void aBatchOfManySimilarPairsShowsTheMostSimilarSideBySideAndSaysSo() {
    int n = SimilarityPage.SIDE_BY_SIDE + 5;

    Document page = Jsoup.parse(SimilarityPage.render(pairs(n), 0.5));

    assertThat(page.select("table.pairs tbody tr")).hasSize(n);
    assertThat(page.select("section")).hasSize(SimilarityPage.SIDE_BY_SIDE);
    assertThat(page.select("table.pairs tbody tr a")).hasSize(SimilarityPage.SIDE_BY_SIDE);
    assertThat(page.text())
        .contains(
            n
                + " of "
                + n
                + " pairs share 50% or more of their code; the "
                + SimilarityPage.SIDE_BY_SIDE
                + " most similar are shown side by side;");
  }

  @Test
  void theMatchedLineIsMarkedAndNumberedOnBothSides() {
    Document page = Jsoup.parse(SimilarityPage.render(pairs(1), 0.5));

    assertThat(page.select("#pair-1 .side > div")).hasSize(2);
    for (var side : page.select("#pair-1 .side > div")) {
      assertThat(side.select("span.m0").eachText()).containsExactly("[1] class Conv2d {}");
    }
    assertThat(page.select("#pair-1 ol li").eachText())
        .containsExactly("cnn/Conv2d.java line 2 = cnn/Conv2d.java line 2 (10 tokens)");
  }
}
