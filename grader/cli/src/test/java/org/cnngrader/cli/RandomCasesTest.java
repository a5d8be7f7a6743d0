package org.cnngrader.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.cnngrader.AssignmentTotals;
import org.cnngrader.feedback.FeedbackWriter;
import org.cnngrader.layer.Layer;
import org.cnngrader.layer.Part;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * --random-cases K --seed S: K hidden cases drawn at grading time, the seed kept for TAs and never
 * shown to students, and the draw part of what a stored result is keyed by.
 */
class RandomCasesTest {

  @TempDir Path temp;

  private static String example(String name) {
    return CommandLineRun.home().resolve("fixtures/submissions").resolve(name).toString();
  }

  private static JsonNode json(Path file) throws IOException {
    return new ObjectMapper().readTree(file.toFile());
  }

  private CommandLineRun grade(String... extra) {
    CommandLineRun cli = new CommandLineRun();
    String[] args = {"grade", example("correct-loops"), "--out", temp.resolve("out").toString()};
    String[] all = new String[args.length + extra.length];
    System.arraycopy(args, 0, all, 0, args.length);
    System.arraycopy(extra, 0, all, args.length, extra.length);
    assertThat(cli.run(all)).as(cli.stderr()).isZero();
    return cli;
  }

  /**
   * The table's line of a correct solution graded with {@code k} random cases per layer: the
   * fixtures' points and parts, and each layer's default points and parts {@code k} times more.
   */
  private static String fullMarksWithRandomCases(int k) {
    AssignmentTotals totals = AssignmentTotals.repository();
    double score = totals.points();
    int parts = totals.parts();
    StringBuilder columns = new StringBuilder();
    for (Layer layer : totals.layers()) {
      double drawn = k * layer.parts().stream().mapToDouble(Part::defaultPoints).sum();
      String points = FeedbackWriter.points(totals.layer(layer.id()).points() + drawn);
      columns.append(" +").append(points).append('/').append(points);
      score += drawn;
      parts += k * layer.parts().size();
    }
    String total = FeedbackWriter.points(score);
    return "(?m)^correct-loops +"
        + total
        + " +"
        + total
        + columns
        + " +"
        + parts
        + "/"
        + parts
        + " ";
  }

  @Test
  void drawnCasesAreGradedAsHiddenCasesAndTheSeedIsForTasOnly() throws Exception {
    CommandLineRun cli = grade("--random-cases", "3", "--seed", "424242");

    assertThat(cli.stdout())
        .contains(
            "Random cases: 3 hidden cases per layer drawn from seed 424242 (--seed 424242 draws"
                + " them")
        .containsPattern(fullMarksWithRandomCases(3));
    Path folder = temp.resolve("out/correct-loops");
    JsonNode results = json(folder.resolve("results.json"));
    assertThat(results.get("tests").findValuesAsText("name"))
        .contains(
            "conv2d/random-1: forward shape",
            "conv2d/random-3: backward db",
            "maxpool2d/random-3: backward dx");
    for (JsonNode test : results.get("tests")) {
      if (test.get("name").asText().contains("/random-")) {
        assertThat(test.get("visibility").asText()).isEqualTo("after_published");
      }
    }
    assertThat(Files.readString(folder.resolve("results.json"))).doesNotContain("424242");
    assertThat(Files.readString(folder.resolve("report.md"))).doesNotContain("424242");
    JsonNode random = json(folder.resolve("provenance.json")).get("options").get("random_cases");
    assertThat(random.get("count").asInt()).isEqualTo(3);
    assertThat(random.get("seed").asLong()).isEqualTo(424242);
  }

  @Test
  void theSameSeedKeepsEarlierResultsAndAnotherDrawGradesAgain() {
    grade("--random-cases", "2", "--seed", "5");

    assertThat(grade("--random-cases", "2", "--seed", "5").stdout())
        .contains("Resuming: 1 of 1 submissions");
    assertThat(grade("--random-cases", "2", "--seed", "6").stdout())
        .doesNotContain("Resuming")
        .contains("Graded 1 of 1 submissions");
  }

  @Test
  void aSeedWithoutRandomCasesOrTooManyCasesIsAUsageError() {
    CommandLineRun seedOnly = new CommandLineRun();
    CommandLineRun tooMany = new CommandLineRun();

    int first =
        seedOnly.run("grade", example("correct-loops"), "--out", temp.toString(), "--seed", "5");
    int second =
        tooMany.run(
            "grade", example("correct-loops"), "--out", temp.toString(), "--random-cases", "101");

    assertThat(first).isEqualTo(ExitCode.USAGE);
    assertThat(seedOnly.stderr())
        .isEqualTo("grader: --seed draws random cases: give --random-cases K too\n");
    assertThat(second).isEqualTo(ExitCode.USAGE);
    assertThat(tooMany.stderr())
        .isEqualTo("grader: --random-cases must be between 0 and 100, found 101\n");
  }
}
