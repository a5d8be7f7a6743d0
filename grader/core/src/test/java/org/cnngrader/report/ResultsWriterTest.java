package org.cnngrader.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.cnngrader.AssignmentTotals;
import org.cnngrader.TestRepository;
import org.cnngrader.TestSandbox;
import org.cnngrader.feedback.FeedbackWriter;
import org.cnngrader.fixture.Visibility;
import org.cnngrader.grading.GradingOptions;
import org.cnngrader.grading.SubmissionGrader;
import org.cnngrader.grading.SubmissionResult;
import org.cnngrader.sandbox.Isolation;
import org.cnngrader.sandbox.SandboxLevel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * results.json follows Gradescope's autograder format; provenance.json holds what a regrade needs.
 */
class ResultsWriterTest {

  @TempDir static Path out;

  private static JsonNode results;
  private static JsonNode provenance;
  private static SubmissionResult result;

  @BeforeAll
  static void gradeTheBiasMistake() throws Exception {
    result =
        new SubmissionGrader(
                TestRepository.fixtures(), GradingOptions.DEFAULT, TestSandbox.strongest())
            .grade("mistake-bias-missing", TestRepository.example("mistake-bias-missing"));
    new ResultsWriter(
            TestRepository.fixtures(), GradingOptions.DEFAULT, Isolation.of(SandboxLevel.PROCESS))
        .write(result, out.resolve("mistake-bias-missing"), TestKeys.of("mistake-bias-missing"));
    ObjectMapper mapper = new ObjectMapper();
    results = mapper.readTree(out.resolve("mistake-bias-missing/results.json").toFile());
    provenance = mapper.readTree(out.resolve("mistake-bias-missing/provenance.json").toFile());
  }

  @Test
  void hasGradescopesTopLevelFieldsAndMaxScore() {
    assertThat(results.get("score").asDouble())
        .isEqualTo(result.score())
        .isLessThan(result.maxScore());
    assertThat(results.get("max_score").asDouble()).isEqualTo(TestRepository.fixtures().maxScore());
    assertThat(results.get("execution_time").isNumber()).isTrue();
    assertThat(results.get("output").asText()).startsWith("```text\nPublic cases: ");
  }

  @Test
  void speaksMarkdownNumbersTheTestsInAssignmentOrderAndTagsThemByLayerAndPart() {
    assertThat(results.get("output_format").asText()).isEqualTo("md");
    assertThat(results.get("test_output_format").asText()).isEqualTo("md");
    JsonNode tests = results.get("tests");
    List<String> layers = new ArrayList<>();
    String previous = "0.0";
    for (JsonNode test : tests) {
      String layer = test.get("name").asText().substring(0, test.get("name").asText().indexOf('/'));
      if (!layers.contains(layer)) {
        layers.add(layer);
      }
      String number = test.get("number").asText();
      String expectedLayer = (layers.indexOf(layer) + 1) + ".";
      assertThat(number).as(test.get("name").asText()).startsWith(expectedLayer);
      int[] now = Arrays.stream(number.split("\\.")).mapToInt(Integer::parseInt).toArray();
      int[] before = Arrays.stream(previous.split("\\.")).mapToInt(Integer::parseInt).toArray();
      assertThat(now[0] > before[0] ? now[1] == 1 : now[1] == before[1] + 1)
          .as("%s follows %s", number, previous)
          .isTrue();
      previous = number;
      assertThat(test.get("tags").get(0).asText()).isEqualTo(layer);
      assertThat(test.get("name").asText()).endsWith(": " + test.get("tags").get(1).asText());
    }
    assertThat(layers)
        .containsExactlyElementsOf(
            TestRepository.fixtures().layers().stream().map(l -> l.id()).toList());
  }

  @Test
  void hasOneTestPerPartWithUniqueNamesAndScoresThatAddUp() {
    JsonNode tests = results.get("tests");
    Set<String> names = new HashSet<>();
    double sum = 0;
    for (JsonNode test : tests) {
      assertThat(names.add(test.get("name").asText())).as(test.get("name").asText()).isTrue();
      assertThat(test.get("status").asText()).isIn("passed", "failed");
      assertThat(test.get("status").asText().equals("passed"))
          .isEqualTo(test.get("score").asDouble() == test.get("max_score").asDouble());
      assertThat(test.get("output").asText()).isNotBlank();
      sum += test.get("score").asDouble();
    }
    assertThat(tests)
        .hasSize(
            TestRepository.fixtures().fixtures().stream()
                .mapToInt(f -> f.layer().parts().size())
                .sum());
    assertThat(sum).isEqualTo(results.get("score").asDouble());
  }

  @Test
  void hidesHiddenCasesUntilPublished() {
    for (JsonNode test : results.get("tests")) {
      boolean hidden = isHiddenCase(test.get("name").asText());
      assertThat(test.get("visibility").asText()).isEqualTo(hidden ? "after_published" : "visible");
    }
  }

  private static boolean isHiddenCase(String testName) {
    String caseName = testName.substring(0, testName.indexOf(": "));
    return TestRepository.fixtures().fixtures().stream()
        .anyMatch(
            f ->
                (f.layer().id() + "/" + f.name()).equals(caseName)
                    && f.visibility() == org.cnngrader.fixture.Visibility.HIDDEN);
  }

  @Test
  void keepsProvenanceOutOfTheStudentsResults() {
    assertThat(results.toString()).doesNotContain(TestRepository.fixtures().sha256());
    assertThat(provenance.get("fixtures").get("sha256").asText())
        .isEqualTo(TestRepository.fixtures().sha256());
    assertThat(provenance.get("java").get("version").asText())
        .isEqualTo(System.getProperty("java.version"));
    assertThat(provenance.get("grader").get("version").asText())
        .isNotBlank()
        .isNotEqualTo("unknown");
    assertThat(provenance.get("options").get("layers").toString())
        .isEqualTo("[\"conv2d\",\"maxpool2d\",\"spatial_batchnorm\",\"spatial_groupnorm\"]");
    assertThat(provenance.get("options").get("heap_mb").asInt()).isEqualTo(512);
    assertThat(provenance.get("resume").get("key").asText())
        .isEqualTo(TestKeys.of("mistake-bias-missing").value());
    assertThat(provenance.get("score").get("first_problem").asText())
        .isEqualTo(FeedbackWriter.headline(result).orElseThrow());
  }

  @Test
  void whatTheCodePrintsOnHiddenInputsStaysOutOfTheStudentsResults(@TempDir Path folder)
      throws Exception {
    Path submission =
        org.cnngrader.SubmissionFolder.in(folder.resolve("chatty"))
            .withCorrectConv2d(
                "cnn/Conv2d.java",
                "this.x = x;",
                "this.x = x;\n"
                    + "    System.out.println(\"H=\" + x[0][0].length + \",W=\" + x[0][0][0].length);")
            .path();
    SubmissionResult chatty =
        new SubmissionGrader(
                TestRepository.fixtures(), GradingOptions.DEFAULT, TestSandbox.strongest())
            .grade("chatty", submission);
    new ResultsWriter(
            TestRepository.fixtures(), GradingOptions.DEFAULT, Isolation.of(SandboxLevel.PROCESS))
        .write(chatty, folder.resolve("out"), TestKeys.of("chatty"));
    ObjectMapper mapper = new ObjectMapper();

    String output =
        mapper.readTree(folder.resolve("out/results.json").toFile()).get("output").asText();
    String hiddenOutput =
        mapper
            .readTree(folder.resolve("out/provenance.json").toFile())
            .get("hidden_cases_output")
            .get("text")
            .asText();

    AssignmentTotals publicCases = AssignmentTotals.repository().only(Visibility.PUBLIC);
    AssignmentTotals conv2d = publicCases.layer("conv2d");
    assertThat(output)
        .startsWith(
            // Conv2d alone: the other layers' public parts are lost.
            "```text\nPublic cases: "
                + conv2d.pointsText()
                + " / "
                + publicCases.pointsText()
                + " ("
                + conv2d.parts()
                + " of "
                + publicCases.parts()
                + " parts passed)\nHidden cases: "
                + AssignmentTotals.repository().only(Visibility.HIDDEN).cases()
                + " more, graded too;")
        .contains("H=6,W=9") // public stride3-nonsquare-input
        .doesNotContain("H=10,W=7"); // hidden stride3-kernel4
    assertThat(hiddenOutput).contains("H=10,W=7").doesNotContain("H=6,W=9");
  }
}
