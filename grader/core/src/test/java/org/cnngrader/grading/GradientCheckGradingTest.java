package org.cnngrader.grading;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.cnngrader.TestRepository;
import org.cnngrader.TestSandbox;
import org.cnngrader.feedback.FeedbackWriter;
import org.cnngrader.fixture.FixtureSet;
import org.cnngrader.layer.Part;
import org.cnngrader.layers.conv2d.Conv2dLayer;
import org.junit.jupiter.api.Test;

/**
 * The gradient check, run on the student's own code, tells "your backward does not match your own
 * forward" apart from "your forward is wrong too", and earns no points.
 */
class GradientCheckGradingTest {

  private static final Set<String> CASES = Set.of("batch-3ch-4filters", "lesson-5x5-s2-p1");

  private static SubmissionResult grade(String example) throws Exception {
    FixtureSet all = TestRepository.fixtures();
    FixtureSet some =
        new FixtureSet(
            all.fixtures().stream().filter(f -> CASES.contains(f.name())).toList(), all.sha256());
    return new SubmissionGrader(some, GradingOptions.DEFAULT, TestSandbox.strongest())
        .grade(example, TestRepository.example(example));
  }

  /** The check's line of every failing part of {@code gradient}. */
  private static List<String> checkLines(SubmissionResult result, Part gradient) {
    return result.parts().stream()
        .filter(p -> p.part().equals(gradient) && !p.passed())
        .map(FeedbackWriter::describe)
        .map(text -> text.substring(text.indexOf("Gradient check")))
        .toList();
  }

  /**
   * Every failing dx part of {@code example} gets the check's {@code finding}, then {@code end}.
   */
  private static void everyDxLine(String example, String finding, String end) throws Exception {
    assertThat(checkLines(grade(example), Conv2dLayer.DX))
        .isNotEmpty()
        .allSatisfy(line -> assertThat(line).contains(finding).endsWith(end));
  }

  @Test
  void aBackwardThatDoesNotFollowARightForwardIsBlamed() throws Exception {
    everyDxLine(
        "mistake-dx-flipped-kernel",
        "your dx does not match the centred differences of your own forward",
        "the mistake is in backward.");
  }

  @Test
  void aBackwardThatFollowsAWrongForwardSendsTheStudentToForward() throws Exception {
    everyDxLine(
        "mistake-flipped-kernel",
        "your dx matches the centred differences of your own forward",
        "the mistake is in forward; fix forward first.");
  }

  @Test
  void aCorrectSubmissionHearsNothingOfItAndTheCheckEarnsNoPoints() throws Exception {
    SubmissionResult correct = grade("correct-loops");
    SubmissionResult wrong = grade("mistake-dx-flipped-kernel");

    assertThat(correct.parts()).allSatisfy(p -> assertThat(p.gradientCheck()).isEmpty());
    assertThat(correct.score()).isEqualTo(correct.maxScore());
    assertThat(wrong.maxScore()).isEqualTo(correct.maxScore());
    assertThat(wrong.parts().stream().filter(p -> p.gradientCheck().isPresent()))
        .allSatisfy(p -> assertThat(p.score()).isZero());
  }
}
