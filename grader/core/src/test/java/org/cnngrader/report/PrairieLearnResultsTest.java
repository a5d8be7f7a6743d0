package org.cnngrader.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.cnngrader.TestRepository;
import org.cnngrader.compare.RelativeError;
import org.cnngrader.compile.Compilation;
import org.cnngrader.execution.CallOutcome;
import org.cnngrader.execution.CapturedOutput;
import org.cnngrader.fixture.Fixture;
import org.cnngrader.fixture.Visibility;
import org.cnngrader.grading.PartResult;
import org.cnngrader.grading.SubmissionResult;
import org.cnngrader.grading.Verdict;
import org.cnngrader.layer.Part;
import org.cnngrader.report.PrairieLearnResults.CompileErrors;
import org.cnngrader.tensor.Shape;
import org.cnngrader.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * PrairieLearn's rules for results.json, as its own code applies them: the grader host refuses a
 * file over 1 MiB ({@code apps/grader-host/src/index.ts}); {@code processGradingResult} ({@code
 * apps/prairielearn/src/lib/externalGrader.ts}) takes the score only when it is a finite number in
 * [0, 1]; {@code pl-external-grader-results.py} shows per-test points only when every test has
 * {@code points} and {@code max_points}, and each image by its {@code url}.
 */
class PrairieLearnResultsTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final int MILLION = 1_000_000;

  /** Every public and hidden part of every fixture, each given {@code verdict}. */
  private static List<PartResult> everyPart(Function<Fixture, Verdict> verdict) {
    List<PartResult> parts = new ArrayList<>();
    for (Fixture fixture : TestRepository.fixtures().fixtures()) {
      for (Part part : fixture.layer().parts()) {
        if (fixture.credit(part) != null) {
          parts.add(new PartResult(fixture, part, verdict.apply(fixture)));
        }
      }
    }
    return parts;
  }

  private static SubmissionResult result(
      List<PartResult> parts, Optional<Compilation> compilation, CapturedOutput output) {
    return new SubmissionResult(
        "hostile",
        parts,
        compilation,
        Optional.empty(),
        output,
        CapturedOutput.NONE,
        List.of(),
        List.of(),
        Map.of(),
        Duration.ofSeconds(1));
  }

  /**
   * A forward that printed a million characters and threw them as its message: control characters
   * and quotes, which JSON escapes into six and two bytes each, so that even their cut starts take
   * more than PrairieLearn's limit until the results are shortened.
   */
  private static Verdict threwAMillion(Fixture fixture) {
    String huge = "\u0001\"".repeat(MILLION / 2);
    List<String> frames =
        IntStream.range(0, 1_000).mapToObj(i -> "cnn.Conv2d.f" + "\u0001".repeat(1_000)).toList();
    return new Verdict.CallFailed(
        fixture.layer().contract().steps().get(0).member(),
        new CallOutcome.Threw<>("java.lang.IllegalStateException", huge, frames));
  }

  /** A wrong output large enough for many heat maps. */
  private static Verdict wrongValues(Fixture fixture) {
    SplittableRandom random = new SplittableRandom(29);
    Shape shape = Shape.of(4, 8, 16, 16);
    double[] expected = random.doubles(4 * 8 * 16 * 16).toArray();
    double[] actual = random.doubles(expected.length).toArray();
    Tensor want = new Tensor(shape, expected);
    Tensor got = new Tensor(shape, actual);
    return new Verdict.WrongValues("out", RelativeError.compare(want, got, 1e-7), want, got);
  }

  private static JsonNode parsed(String text) throws Exception {
    return MAPPER.readTree(text);
  }

  /** What PrairieLearn's grader host and result processing demand of a gradable result. */
  private static void followsPrairieLearnsRules(String text) throws Exception {
    assertThat(text.getBytes(StandardCharsets.UTF_8).length)
        .as("bytes, as PrairieLearn's grader host counts them")
        .isLessThanOrEqualTo(PrairieLearnResults.BUDGET_BYTES)
        .isLessThan(PrairieLearnResults.LIMIT_BYTES);
    JsonNode results = parsed(text);
    assertThat(results.get("score").isNumber()).isTrue();
    assertThat(results.get("score").asDouble()).isBetween(0.0, 1.0);
    assertThat(results.get("message").isTextual()).isTrue();
    for (JsonNode test : results.path("tests")) {
      assertThat(test.get("name").isTextual()).isTrue();
      assertThat(test.get("points").isNumber()).as(test.get("name").asText()).isTrue();
      assertThat(test.get("max_points").isNumber()).as(test.get("name").asText()).isTrue();
      for (JsonNode image : test.path("images")) {
        assertThat(image.get("url").asText()).startsWith("data:image/png;base64,");
      }
    }
  }

  @Test
  void aHandInThatThrowsAndPrintsAMillionCharactersEverywhereIsGradedWithinOneMebibyte()
      throws Exception {
    List<PartResult> parts = everyPart(PrairieLearnResultsTest::threwAMillion);
    SubmissionResult result =
        result(parts, Optional.empty(), new CapturedOutput("\u0002".repeat(MILLION), 5 * MILLION));

    String text = PrairieLearnResults.render(result, CompileErrors.UNGRADABLE);

    followsPrairieLearnsRules(text);
    JsonNode results = parsed(text);
    assertThat(results.get("gradable").asBoolean()).isTrue();
    assertThat(results.get("score").asDouble()).isZero();
    long publicParts =
        parts.stream().filter(p -> p.fixture().visibility() == Visibility.PUBLIC).count();
    assertThat(publicParts).isGreaterThan(50);
    assertThat(results.get("output").asText())
        .contains("more characters not shown")
        .contains("These results are shortened to fit PrairieLearn's limit of 1 MiB: ");
    assertThat(results.get("message").asText())
        .startsWith("Score: 0 / ")
        .contains("\nFirst problem: ")
        .contains("more characters not shown");
  }

  @Test
  void aResultThatFitsKeepsEveryTestAndItsFeedbackWhole() throws Exception {
    List<PartResult> parts = everyPart(PrairieLearnResultsTest::wrongValues);

    String text =
        PrairieLearnResults.render(
            result(parts, Optional.empty(), CapturedOutput.NONE), CompileErrors.UNGRADABLE);

    followsPrairieLearnsRules(text);
    JsonNode results = parsed(text);
    long publicParts =
        parts.stream().filter(p -> p.fixture().visibility() == Visibility.PUBLIC).count();
    long layersWithHidden =
        parts.stream()
            .filter(p -> p.fixture().visibility() == Visibility.HIDDEN)
            .map(p -> p.fixture().layer().id())
            .distinct()
            .count();
    assertThat(results.get("tests")).hasSize((int) (publicParts + layersWithHidden));
    assertThat(results.get("tests").findValues("images").stream().mapToInt(JsonNode::size).sum())
        .isPositive();
    assertThat(results.get("output").asText())
        .contains("Some heat maps are left out to keep these results small")
        .doesNotContain("shortened");
  }

  @Test
  void theHeatMapsGoFirstWhenTheWholeIsTooLarge() throws Exception {
    List<PartResult> parts = everyPart(PrairieLearnResultsTest::wrongValues);
    // 58,000 control characters, six bytes each as JSON escapes them: with 600 KB of heat maps,
    // more than the budget; without them, well within it.
    String printed = "\u0001".repeat(58_000);

    String text =
        PrairieLearnResults.render(
            result(parts, Optional.empty(), new CapturedOutput(printed, 0)), CompileErrors.GRADE);

    followsPrairieLearnsRules(text);
    JsonNode results = parsed(text);
    assertThat(results.get("tests").findValues("images")).isEmpty();
    assertThat(results.get("output").asText())
        .contains(printed)
        .endsWith(
            "\nThese results are shortened to fit PrairieLearn's limit of 1 MiB: the heat maps are"
                + " left out. Your course staff's report has everything.");
  }

  @Test
  void aTestsMessageIsItsFeedbacksFirstLineAndItsOutputTheRestSoNeitherRepeatsTheOther()
      throws Exception {
    List<PartResult> parts = everyPart(PrairieLearnResultsTest::wrongValues);
    SubmissionResult result = result(parts, Optional.empty(), CapturedOutput.NONE);

    JsonNode results = parsed(PrairieLearnResults.render(result, CompileErrors.GRADE));

    JsonNode first = results.get("tests").get(0);
    String feedback = org.cnngrader.feedback.FeedbackWriter.describe(parts.get(0));
    assertThat(first.get("message").asText() + "\n" + first.get("output").asText())
        .isEqualTo(feedback);
    assertThat(first.get("output").asText()).doesNotContain(first.get("message").asText());
    assertThat(results.get("message").asText())
        .isEqualTo(
            PrairieLearnResults.message(result).lines().findFirst().orElseThrow()
                + "\nFirst problem: "
                + org.cnngrader.feedback.FeedbackWriter.headline(result, Visibility.PUBLIC)
                    .orElseThrow());
    assertThat(results.get("output").asText()).doesNotStartWith("Score: ");
  }

  @Test
  void theFirstProblemNamesAPublicPartNeverAHiddenOne() {
    List<PartResult> parts =
        everyPart(
            fixture ->
                fixture.visibility() == Visibility.HIDDEN
                    ? wrongValues(fixture)
                    : new Verdict.Passed("out", null));

    String message =
        PrairieLearnResults.message(result(parts, Optional.empty(), CapturedOutput.NONE));

    assertThat(message).startsWith("Score: ").doesNotContain("First problem");
  }

  @Test
  void underUngradableAHandInThatDoesNotCompileIsNotGradableWithTheCompilersErrorsCut()
      throws Exception {
    String diagnostics = "Conv2d.java:3: error: ';' expected\n" + "z".repeat(MILLION);
    Compilation failed = new Compilation.Failed(diagnostics, List.of());
    SubmissionResult result =
        result(
            everyPart(f -> new Verdict.NotCompiled(failed)),
            Optional.of(failed),
            CapturedOutput.NONE);

    JsonNode results = parsed(PrairieLearnResults.render(result, CompileErrors.UNGRADABLE));

    assertThat(results.get("gradable").asBoolean()).isFalse();
    assertThat(results.get("message").asText())
        .isEqualTo(
            "Not graded: your code does not compile, or there is nothing to compile. This costs"
                + " you no attempt; fix the errors below and submit again.");
    assertThat(results.get("format_errors")).hasSize(1);
    String error = results.get("format_errors").get(0).asText();
    assertThat(error)
        .startsWith("Your code does not compile:\nConv2d.java:3: error: ';' expected\nzzz")
        .endsWith("… 6,063 more characters not shown")
        .hasSizeLessThanOrEqualTo(4_000);
    assertThat(results.has("tests")).isFalse();
  }

  @Test
  void underUngradableAnEmptyHandInIsNotGradableAndSaysWhy() throws Exception {
    Compilation none = new Compilation.NoSources("no .java files were handed in");
    SubmissionResult result =
        result(
            everyPart(f -> new Verdict.NotCompiled(none)), Optional.of(none), CapturedOutput.NONE);

    JsonNode results = parsed(PrairieLearnResults.render(result, CompileErrors.UNGRADABLE));

    assertThat(results.get("gradable").asBoolean()).isFalse();
    assertThat(results.get("format_errors").get(0).asText())
        .isEqualTo("Nothing to grade: no .java files were handed in");
  }

  @Test
  void underGradeAHandInThatDoesNotCompileIsGradedAndScoresZero() throws Exception {
    Compilation failed = new Compilation.Failed("Conv2d.java:3: error: ';' expected", List.of());
    SubmissionResult result =
        result(
            everyPart(f -> new Verdict.NotCompiled(failed)),
            Optional.of(failed),
            CapturedOutput.NONE);

    String text = PrairieLearnResults.render(result, CompileErrors.GRADE);

    followsPrairieLearnsRules(text);
    JsonNode results = parsed(text);
    assertThat(results.get("gradable").asBoolean()).isTrue();
    assertThat(results.get("score").asDouble()).isZero();
    assertThat(results.get("message").asText())
        .endsWith("\nFirst problem: does not compile: Conv2d.java:3: error: ';' expected");
  }

  @Test
  void aPolicyIsNamedByItsKey() {
    assertThat(CompileErrors.parse("grade")).isEqualTo(CompileErrors.GRADE);
    assertThat(CompileErrors.parse("ungradable")).isEqualTo(CompileErrors.UNGRADABLE);
    assertThatThrownBy(() -> CompileErrors.parse("fail"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("must be grade or ungradable, found 'fail'");
  }
}
