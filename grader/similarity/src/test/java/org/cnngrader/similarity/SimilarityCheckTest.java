package org.cnngrader.similarity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.zip.ZipFile;
import org.cnngrader.TestRepository;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three independent Conv2d solutions (the examples' loops and im2col, and one that pads its input
 * first) and a copy of the first with its variables renamed and its comments rewritten: the copy
 * must rank far above any two independent solutions.
 */
class SimilarityCheckTest {

  @TempDir static Path temp;

  private static Compared compared;

  private static Path conv2d(String example) {
    Path root = TestRepository.example(example);
    Path flat = root.resolve("cnn/Conv2d.java");
    return Files.exists(flat) ? flat : root.resolve("src/main/java/cnn/Conv2d.java");
  }

  /** The copy a student would make to hide it: names changed, comments reworded. */
  static String disguised(String source) {
    return source
        .replaceAll("\\bsum\\b", "acc")
        .replaceAll("\\bni\\b", "sample")
        .replaceAll("\\bfi\\b", "kernel")
        .replaceAll("\\bci\\b", "channel")
        .replaceAll("\\brow\\b", "y")
        .replaceAll("\\bcol\\b", "xx")
        .replaceAll("\\bho\\b", "outH")
        .replaceAll("\\bwo\\b", "outW")
        .replaceAll("/\\*\\*.*?\\*/", "/** My own convolution, written from the lecture notes. */")
        .replaceAll("//[^\\n]*", "// see lecture 5");
  }

  private static Path submission(String id, String conv2d) throws Exception {
    Path folder = Files.createDirectories(temp.resolve("in").resolve(id).resolve("cnn"));
    Files.writeString(folder.resolve("Conv2d.java"), conv2d);
    return folder.getParent();
  }

  @BeforeAll
  static void compare() throws Exception {
    String loops = Files.readString(conv2d("correct-loops"));
    Map<String, Path> submissions = new TreeMap<>();
    submissions.put("alice", submission("alice", loops));
    submissions.put("bob", submission("bob", disguised(loops)));
    submissions.put("carol", submission("carol", Files.readString(conv2d("correct-im2col"))));
    submissions.put(
        "dave",
        submission(
            "dave",
            Files.readString(
                Path.of(
                    SimilarityCheckTest.class
                        .getResource("/independent/cnn/Conv2d.java")
                        .toURI()))));
    submissions.put("eve", Files.createDirectories(temp.resolve("in/eve")));
    compared =
        SimilarityCheck.compare(
            submissions,
            Optional.of(TestRepository.root().resolve("student-template/src/main/java")),
            temp.resolve("work"));
  }

  @Test
  void aDisguisedCopyRanksFarAboveIndependentSolutions() {
    assertThat(disguised("int sum = 0; // add")).isEqualTo("int acc = 0; // see lecture 5");
    Pair top = compared.pairs().get(0);
    assertThat(List.of(top.first(), top.second())).containsExactly("alice", "bob");
    double independent =
        compared.pairs().stream()
            .filter(p -> !p.first().equals("alice") || !p.second().equals("bob"))
            .mapToDouble(Pair::similarity)
            .max()
            .orElseThrow();
    // Measured: the copy 0.96, independent solutions 0.33 to 0.49 (loops over four indices are
    // alike in any solution).
    assertThat(top.similarity()).isGreaterThan(0.9);
    assertThat(independent).isLessThan(0.6);
    assertThat(top.similarity() - independent).isGreaterThan(0.4);
    assertThat(compared.pairs()).hasSize(6);
    assertThat(compared.leftOut()).containsExactly(Map.entry("eve", "no .java file"));
  }

  @Test
  void matchedRegionsNameTheFileAndLinesOfBoth() {
    Pair top = compared.pairs().get(0);
    assertThat(top.regions()).isNotEmpty();
    Region first = top.regions().get(0);
    assertThat(first.firstFile()).isEqualTo("cnn/Conv2d.java");
    assertThat(first.secondFile()).isEqualTo("cnn/Conv2d.java");
    int covered =
        top.regions().stream()
            .mapToInt(r -> r.firstLines().last() - r.firstLines().first() + 1)
            .sum();
    assertThat(covered).isGreaterThan(50);
  }

  @Test
  void theCsvListsEveryPairFromTheMostSimilar() throws Exception {
    String csv = SimilarityCsv.render(compared.pairs());
    List<List<String>> rows;
    try (MappingIterator<List<String>> it =
        new CsvMapper()
            .enable(CsvParser.Feature.WRAP_AS_ARRAY)
            .readerForListOf(String.class)
            .readValues(csv)) {
      rows = it.readAll();
    }
    assertThat(rows.get(0)).containsExactly("first", "second", "similarity", "matched_tokens");
    assertThat(rows).hasSize(7);
    assertThat(rows.get(1).subList(0, 2)).containsExactly("alice", "bob");
    List<Double> similarities =
        rows.subList(1, rows.size()).stream().map(r -> Double.parseDouble(r.get(2))).toList();
    assertThat(similarities).isSortedAccordingTo((a, b) -> Double.compare(b, a));
  }

  @Test
  void thePageNeedsNothingButItselfAndShowsBothSidesMarked() {
    String html = SimilarityPage.render(compared, 0.5);
    Document page = Jsoup.parse(html);

    assertThat(page.select("script, link, img, iframe")).isEmpty();
    assertThat(html).doesNotContain("http://").doesNotContain("https://");
    assertThat(page.select("table.pairs tbody tr")).hasSize(1);
    assertThat(page.select("#pair-1 h3").eachText()).containsExactly("alice", "bob");
    assertThat(page.select("#pair-1 .side > div").get(0).select("span.m0")).isNotEmpty();
    assertThat(page.select("#pair-1 .side > div").get(1).select("span.m0")).isNotEmpty();
    assertThat(page.select("#pair-1 .side").text()).contains("My own convolution");
  }

  @Test
  void studentCodeOnThePageIsTextNeverMarkup() throws Exception {
    Map<String, Path> submissions = new TreeMap<>();
    String hostile =
        Files.readString(conv2d("correct-loops"))
            .replace("package cnn;", "package cnn; // </pre><script>alert(1)</script>");
    submissions.put("a", submission("hostile-a", hostile));
    submissions.put("b", submission("hostile-b", hostile));
    Compared two = SimilarityCheck.compare(submissions, Optional.empty(), temp.resolve("work2"));

    Document page = Jsoup.parse(SimilarityPage.render(two, 0));

    assertThat(page.select("script")).isEmpty();
    assertThat(page.text()).contains("<script>alert(1)</script>");
  }

  @Test
  void dolosGetsEveryFileAndAnInfoCsvAtTheRoot() throws Exception {
    Path zip = temp.resolve("dolos.zip");
    DolosExport.write(compared.sources(), zip);

    try (ZipFile file = new ZipFile(zip.toFile())) {
      String info =
          new String(
              file.getInputStream(file.getEntry("info.csv")).readAllBytes(),
              java.nio.charset.StandardCharsets.UTF_8);
      assertThat(info)
          .startsWith("filename,label,full_name\n")
          .contains("alice/cnn/Conv2d.java,alice,alice\n");
      assertThat(file.getEntry("bob/cnn/Conv2d.java")).isNotNull();
      assertThat(file.stream().count()).isEqualTo(5);
    }
  }

  @Test
  void jplagsOwnReportIsAZipForItsViewer() throws Exception {
    Path zip = temp.resolve("jplag-report.zip");
    compared.jplagReport().writeTo(zip);

    try (ZipFile file = new ZipFile(zip.toFile())) {
      assertThat(file.getEntry("overview.json")).isNotNull();
    }
  }
}
