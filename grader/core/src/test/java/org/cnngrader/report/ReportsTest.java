package org.cnngrader.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import org.cnngrader.SubmissionFolder;
import org.cnngrader.TestRepository;
import org.cnngrader.TestSandbox;
import org.cnngrader.fixture.FixtureSet;
import org.cnngrader.grading.GradingOptions;
import org.cnngrader.grading.SubmissionGrader;
import org.cnngrader.grading.SubmissionResult;
import org.cnngrader.resources.ResourceBound;
import org.cnngrader.resources.ResourceBound.Resource;
import org.cnngrader.sandbox.SandboxLevel;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.NodeList;

/**
 * The per-submission reports and the run's gradebook and index, parsed as their readers would parse
 * them: JUnit XML by an XML parser, HTML by jsoup, CSV by a CSV reader.
 */
class ReportsTest {

  /** A message a hostile submission throws: markup, a script, terminal escapes, a fence. */
  static final String HOSTILE =
      "<script>alert('x')</script><img src=http://example.com/x.png>\u001b[2J ```` & done";

  private static SubmissionResult flipped;
  private static SubmissionResult hostile;
  private static SubmissionResult correct;

  @BeforeAll
  static void grade(@TempDir Path temp) throws Exception {
    FixtureSet all = TestRepository.fixtures();
    Set<String> names = Set.of("batch-3ch-4filters", "large-4x16x32x32", "lesson-5x5-s2-p1");
    FixtureSet three =
        new FixtureSet(
            all.fixtures().stream().filter(f -> names.contains(f.name())).toList(), all.sha256());
    SubmissionGrader grader =
        new SubmissionGrader(three, GradingOptions.DEFAULT, TestSandbox.strongest());
    flipped = grader.grade("flipped", TestRepository.example("mistake-flipped-kernel"));
    correct = grader.grade("=cmd|'/c calc'!A1", TestRepository.example("correct-loops"));
    Path folder =
        SubmissionFolder.in(temp.resolve("hostile"))
            .withCorrectConv2d(
                "cnn/Conv2d.java",
                "this.x = x;",
                "this.x = x;\n    if (x != null) throw new IllegalStateException(\""
                    + HOSTILE.replace("'", "\\'").replace("\u001b", "\\u001b")
                    + "\");")
            .path();
    hostile = grader.grade("<b>hostile</b>", folder);
  }

  @Test
  void junitXmlHasOneSuiteNamedAfterTheSubmissionAndOneCasePerPart() throws Exception {
    org.w3c.dom.Document xml = parseXml(JunitXml.render(flipped));

    NodeList suites = xml.getElementsByTagName("testsuite");
    assertThat(suites.getLength()).isEqualTo(1);
    org.w3c.dom.Element suite = (org.w3c.dom.Element) suites.item(0);
    assertThat(suite.getAttribute("name")).isEqualTo("flipped");
    assertThat(xml.getElementsByTagName("testcase").getLength()).isEqualTo(15);
    long failed = flipped.parts().stream().filter(p -> !p.passed()).count();
    assertThat(failed).isPositive();
    assertThat(suite.getAttribute("failures")).isEqualTo(Long.toString(failed));
    assertThat(xml.getElementsByTagName("failure").getLength()).isEqualTo((int) failed);
    org.w3c.dom.Element failure = (org.w3c.dom.Element) xml.getElementsByTagName("failure").item(0);
    assertThat(failure.getAttribute("message")).startsWith("out is wrong: ");
    assertThat(failure.getTextContent()).contains("Worst at out[");
  }

  @Test
  void junitXmlStaysWellFormedWithHostileText() throws Exception {
    org.w3c.dom.Document xml = parseXml(JunitXml.render(hostile));

    org.w3c.dom.Element suite = (org.w3c.dom.Element) xml.getElementsByTagName("testsuite").item(0);
    assertThat(suite.getAttribute("name")).isEqualTo("<b>hostile</b>");
    org.w3c.dom.Element failure = (org.w3c.dom.Element) xml.getElementsByTagName("failure").item(0);
    assertThat(failure.getAttribute("message"))
        .contains("<script>alert('x')</script>")
        .contains("?[2J")
        .doesNotContain("\u001b");
  }

  @Test
  void htmlEscapesEveryStudentTextAndLoadsNothingFromOutside() {
    Document page = Jsoup.parse(HtmlReport.render(hostile));

    assertThat(page.select("script")).isEmpty();
    assertThat(page.select("b")).isEmpty();
    assertThat(page.select("h1").text()).isEqualTo("Conv2d results: <b>hostile</b>");
    assertThat(page.select("pre").eachText())
        .anyMatch(text -> text.contains(HOSTILE.substring(0, 40)));
    assertThat(page.select("img[src]"))
        .allSatisfy(img -> assertThat(img.attr("src")).startsWith("data:image/png;base64,"));
    assertThat(page.select("link, iframe, object, embed")).isEmpty();
    assertThat(page.select("a[href]"))
        .allSatisfy(a -> assertThat(a.attr("href")).startsWith("#part-"));
  }

  @Test
  void htmlShowsEachCaseAndHeatMapsOfTheWorstSlicesForWrongValues() {
    Document page = Jsoup.parse(HtmlReport.render(flipped));

    assertThat(page.select("table.parts tbody tr")).hasSize(3);
    assertThat(page.select("td.fail"))
        .hasSize((int) flipped.parts().stream().filter(p -> !p.passed()).count());
    Element large = page.getElementsContainingOwnText("large-4x16x32x32: forward values").first();
    assertThat(large).isNotNull();
    // The large case's output has 4 samples x 16 filters: only the worst four maps are drawn.
    assertThat(page.select("p.legend").eachText())
        .anyMatch(text -> text.contains("Showing the 4 of 64 maps that differ most"));
    assertThat(page.select("figure")).hasSizeGreaterThanOrEqualTo(4);
    assertThat(page.select("figure img"))
        .allSatisfy(img -> assertThat(img.attr("alt")).isNotBlank());
  }

  @Test
  void markdownKeepsStudentTextInsideFencesLongerThanAnyRunOfBackticks() {
    String md = MarkdownReport.render(hostile);

    assertThat(md).startsWith("# Conv2d results: \\<b\\>hostile\\</b\\>\n");
    assertThat(md).contains("\n`````text\n").doesNotContain("\u001b");
    assertThat(md).contains("| lesson-5x5-s2-p1 |");
  }

  @Test
  void gradebookHasOneRowPerSubmissionWithPlainNumbersAndNoFormulas() throws Exception {
    String csv = Gradebook.render(List.of(Scoresheet.of(correct), Scoresheet.of(flipped)));

    CsvMapper mapper = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY);
    try (MappingIterator<List<String>> rows =
        mapper.readerForListOf(String.class).readValues(csv)) {
      List<List<String>> all = rows.readAll();
      assertThat(all).hasSize(3);
      assertThat(all.get(0).subList(0, 12))
          .containsExactly(
              "id",
              "students",
              "emails",
              "student_ids",
              "late",
              "status",
              "score",
              "max_score",
              "public_score",
              "hidden_score",
              "conv2d_score",
              "conv2d/batch-3ch-4filters: forward shape");
      assertThat(all.get(0))
          .hasSize(10 + 1 + 15)
          .contains("conv2d/large-4x16x32x32: forward values");
      assertThat(all.get(1).subList(0, 10))
          .containsExactly("'=cmd|'/c calc'!A1", "", "", "", "", "graded", "24", "24", "24", "0");
      assertThat(all.get(2).subList(0, 6)).containsExactly("flipped", "", "", "", "", "graded");
      assertThat(all.get(2).subList(6, all.get(2).size()))
          .allSatisfy(cell -> assertThat(cell).matches("\\d+(\\.\\d+)?"));
    }
  }

  @Test
  void indexLinksEveryReportAndCountsScoresInTenths() {
    Document page = Jsoup.parse(IndexPage.render(sheets(correct, flipped, hostile)));

    assertThat(page.select("tbody a").eachAttr("href"))
        .containsExactly(
            "%3Dcmd%7C%27%2Fc%20calc%27%21A1/report.html",
            "flipped/report.html", "%3Cb%3Ehostile%3C%2Fb%3E/report.html");
    int[] bins = IndexPage.bins(sheets(correct, flipped, hostile));
    assertThat(bins[9]).isEqualTo(1);
    assertThat(java.util.Arrays.stream(bins).sum()).isEqualTo(3);
    assertThat(page.select("svg rect")).hasSize(10);
    // Each row names its submission's likely mistake, where one is known.
    assertThat(page.select("tbody tr").get(1).select("td.problem").text())
        .endsWith(": likely mistake: forward flips the kernel");
    assertThat(page.select("tbody tr").get(0).select("td.problem").text()).isEmpty();
  }

  @Test
  void indexSaysHowEachGroupOfSubmissionsWasConfinedAndWhatWasNotBounded() {
    Confinement bubblewrap =
        new Confinement(
            "bwrap",
            1,
            List.of(
                ResourceBound.held(Resource.MEMORY, "a control group per child"),
                ResourceBound.held(Resource.CPU_TIME, "the control group's CPU count")));
    Confinement process =
        new Confinement(
            "process",
            3,
            List.of(
                ResourceBound.held(Resource.MEMORY, "RLIMIT_DATA per process"),
                ResourceBound.unbounded(
                    Resource.TEMPORARY_SPACE, "a process of the grader's own user shares /tmp")));
    List<Scoresheet> sheets =
        List.of(
            Scoresheet.of(correct, List.of(), bubblewrap),
            Scoresheet.of(flipped, List.of(), process),
            Scoresheet.of(hostile, List.of(), bubblewrap),
            Scoresheet.of(correct, List.of(), Confinement.NOT_RECORDED));

    Document page = Jsoup.parse(IndexPage.render(sheets));

    assertThat(page.title()).isEqualTo("Grades: 4 submissions");
    assertThat(page.select("ul.confinement > li"))
        .extracting(Element::text)
        .containsExactly(
            "2 submissions: sandbox level 1, "
                + SandboxLevel.BWRAP.description()
                + ". Bounded per child: memory, CPU time.",
            "1 submission: sandbox level 3, "
                + SandboxLevel.PROCESS.description()
                + ". Bounded per child: memory. Not bounded: temporary space: a process of the"
                + " grader's own user shares /tmp",
            "1 submission: not recorded (graded by an earlier version of the grader).");
    assertThat(page.select("ul.confinement .note")).hasSize(1);
  }

  private static List<Scoresheet> sheets(SubmissionResult... results) {
    return java.util.Arrays.stream(results).map(Scoresheet::of).toList();
  }

  private static org.w3c.dom.Document parseXml(String text) throws Exception {
    return DocumentBuilderFactory.newInstance()
        .newDocumentBuilder()
        .parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
  }
}
