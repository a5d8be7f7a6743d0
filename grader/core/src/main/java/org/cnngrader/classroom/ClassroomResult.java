package org.cnngrader.classroom;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import org.cnngrader.feedback.FirstLine;
import org.cnngrader.grading.PartResult;
import org.cnngrader.grading.Points;

/**
 * One runner's result as GitHub Classroom's grading reporter reads it (after base64): {@code
 * status}, {@code max_score} and {@code tests[]}. The grade it sends to Classroom is the sum of
 * every {@code tests[].score} out of the sum of {@code max_score} ({@code notify-classroom.js});
 * any runner whose {@code status} is {@code fail} or {@code error} fails the workflow ({@code
 * main.js}). Here a runner is one layer and a test one graded part, with the points the check gave
 * it. The reporter's own table in the workflow's log weighs a runner's tests equally instead
 * (passed tests / tests x {@code max_score}, {@code getTestScore} in {@code test-helpers.js}), so
 * each test's name gives its points.
 */
@JsonPropertyOrder({"version", "status", "max_score", "tests"})
public record ClassroomResult(
    int version,
    String status,
    @JsonProperty("max_score") double maxScore,
    List<ClassroomResult.Test> tests) {

  /** The version of the format the reporter's graders write. */
  public static final int VERSION = 1;

  public static final String PASS = "pass";
  public static final String FAIL = "fail";
  public static final String ERROR = "error";

  /** Characters of a failing part's first line of feedback that go into its message. */
  static final int MESSAGE_LENGTH = 200;

  public ClassroomResult {
    if (!List.of(PASS, FAIL, ERROR).contains(status)) {
      throw new IllegalArgumentException(
          "a Classroom result's status is pass, fail or error, found [" + status + "]");
    }
    if (!(maxScore > 0)) {
      throw new IllegalArgumentException(
          "a Classroom result's max_score must be positive, found " + maxScore);
    }
    tests = List.copyOf(tests);
    double sum = tests.stream().mapToDouble(Test::score).sum();
    if (sum > maxScore + 1e-9) {
      throw new IllegalArgumentException(
          "a Classroom result's tests score " + sum + " of at most " + maxScore);
    }
  }

  /**
   * One test of a runner: the reporter prints its name with a tick or a cross ({@code
   * console-results.js}), and " - line N" after it unless {@code line_no} is 0.
   */
  @JsonPropertyOrder({"name", "status", "score", "message", "line_no"})
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Test(
      String name, String status, double score, String message, @JsonProperty("line_no") int line) {

    public Test {
      if (name == null || name.isBlank()) {
        throw new IllegalArgumentException("a Classroom test needs a name");
      }
      if (!(score >= 0)) {
        throw new IllegalArgumentException(
            "Classroom test [" + name + "] must score 0 or more, found " + score);
      }
    }
  }

  /** The result of one layer's graded parts (all of the same layer, at least one). */
  public static ClassroomResult of(List<PartResult> parts) {
    if (parts.isEmpty()) {
      throw new IllegalArgumentException("a Classroom result needs the parts of a layer");
    }
    if (parts.stream().map(p -> p.fixture().layer()).distinct().count() != 1) {
      throw new IllegalArgumentException("a Classroom result holds the parts of one layer only");
    }
    List<Test> tests =
        parts.stream()
            .map(
                part ->
                    new Test(
                        FirstLine.nameWithPoints(part),
                        part.passed() ? PASS : FAIL,
                        part.score(),
                        part.passed() ? null : FirstLine.of(part, MESSAGE_LENGTH),
                        0))
            .toList();
    return new ClassroomResult(
        VERSION,
        parts.stream().allMatch(PartResult::passed) ? PASS : FAIL,
        Points.total(parts.stream().mapToDouble(PartResult::maxScore)),
        tests);
  }

  /**
   * What the reporter gets for a layer when the check did not run (the code does not compile, or
   * Maven failed before the tests): none of its points, and where to look.
   */
  public static ClassroomResult notRun(String layerTitle, double maxScore) {
    return new ClassroomResult(
        VERSION,
        ERROR,
        maxScore,
        List.of(
            new Test(
                layerTitle,
                ERROR,
                0,
                "The pre-submit check did not run: see the step \"Pre-submit check\" (does your"
                    + " code compile?).",
                0)));
  }

  /** The points of every test. */
  public double score() {
    return Points.total(tests.stream().mapToDouble(Test::score));
  }

  /** The same result without the tests' messages, which is all a size budget may drop. */
  public ClassroomResult withoutMessages() {
    return new ClassroomResult(
        version,
        status,
        maxScore,
        tests.stream()
            .map(t -> new Test(t.name(), t.status(), t.score(), null, t.line()))
            .toList());
  }
}
