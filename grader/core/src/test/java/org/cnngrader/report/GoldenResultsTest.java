package org.cnngrader.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.cnngrader.TestRepository;
import org.cnngrader.TestSandbox;
import org.cnngrader.fixture.FixtureSet;
import org.cnngrader.grading.GradingOptions;
import org.cnngrader.grading.SubmissionGrader;
import org.cnngrader.grading.SubmissionResult;
import org.junit.jupiter.api.Test;

/**
 * Whole outputs against golden files, so that any change to what students and TAs read shows up in
 * review. Run with -Dgolden.update=true to rewrite the files after a deliberate change.
 */
class GoldenResultsTest {

  private static final Path GOLDEN =
      TestRepository.root().resolve("grader/core/src/test/resources/golden");
  private static final Set<String> CASES =
      Set.of("lesson-worked-example", "lesson-5x5-s2-p1", "stride3-pad1");

  private static SubmissionResult grade(String example) throws Exception {
    FixtureSet all = TestRepository.fixtures();
    FixtureSet three =
        new FixtureSet(
            all.fixtures().stream().filter(f -> CASES.contains(f.name())).toList(), all.sha256());
    return new SubmissionGrader(three, GradingOptions.DEFAULT, TestSandbox.strongest())
        .grade(example, TestRepository.example(example));
  }

  private static void assertGolden(String file, String actual) throws Exception {
    Path golden = GOLDEN.resolve(file);
    if (Boolean.getBoolean("golden.update")) {
      // A rewritten file would equal what it is compared with: say so instead of passing.
      Files.writeString(golden, actual, StandardCharsets.UTF_8);
      org.junit.jupiter.api.Assumptions.abort(
          "rewrote " + golden + "; run again without -Dgolden.update to compare");
    }
    assertThat(actual).isEqualTo(Files.readString(golden, StandardCharsets.UTF_8));
  }

  @Test
  void resultsJsonOfATypicalMistake() throws Exception {
    ObjectNode results = ResultsWriter.results(grade("mistake-padding-ignored"));
    results.put("execution_time", 0.0); // the one field that changes from run to run

    String text =
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(results)
            + "\n";

    assertGolden("mistake-padding-ignored.results.json", text);
  }

  @Test
  void summaryTableOfCorrectAndWrongSubmissions() throws Exception {
    List<SubmissionResult> results =
        List.of(
            grade("correct-loops"), grade("mistake-stride-ignored"), grade("mistake-bias-missing"));

    String table = SummaryTable.render(results).replaceAll("\\d+\\.\\ds ", "0.0s ");

    assertGolden("summary-table.txt", table);
  }
}
