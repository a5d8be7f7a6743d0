package org.cnngrader.classroom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.cnngrader.TestRepository;
import org.cnngrader.compare.ValueComparison;
import org.cnngrader.fixture.Credit;
import org.cnngrader.fixture.Fixture;
import org.cnngrader.grading.PartResult;
import org.cnngrader.grading.Verdict;
import org.cnngrader.layers.Layers;
import org.cnngrader.layers.conv2d.Conv2dLayer;
import org.cnngrader.layers.maxpool2d.MaxPool2dLayer;
import org.cnngrader.tensor.Shape;
import org.cnngrader.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** A layer's parts as one runner of GitHub Classroom's grading reporter. */
class ClassroomResultTest {

  private static final Fixture LESSON =
      TestRepository.fixtures().fixtures().stream()
          .filter(f -> f.name().equals("lesson-5x5-s2-p1"))
          .findFirst()
          .orElseThrow();

  private static Verdict passed() {
    return new Verdict.Passed(
        "db", new ValueComparison(Shape.of(1), 1, new int[] {0}, 0, 1, 0, 0, 0, 1e-7));
  }

  private static Verdict wrong(int off) {
    Tensor any = new Tensor(Shape.of(48), new double[48]);
    return new Verdict.WrongValues(
        "db", new ValueComparison(Shape.of(48), 1, new int[] {0}, 0, 1, off, 0, 0, 1e-7), any, any);
  }

  @Test
  void aTestPerPartWithThePointsItEarnedAndTheLayersMaximum() {
    Fixture proportional = LESSON.withCredit(Map.of(Conv2dLayer.DB, Credit.PROPORTIONAL));
    List<PartResult> parts =
        List.of(
            new PartResult(LESSON, Conv2dLayer.FORWARD_SHAPE, passed()),
            new PartResult(proportional, Conv2dLayer.DB, wrong(7)));

    ClassroomResult result = ClassroomResult.of(parts);

    assertThat(result.status()).isEqualTo("fail");
    assertThat(result.version()).isEqualTo(1);
    assertThat(result.maxScore())
        .isEqualTo(LESSON.points(Conv2dLayer.FORWARD_SHAPE) + LESSON.points(Conv2dLayer.DB));
    assertThat(result.tests())
        .containsExactly(
            new ClassroomResult.Test(
                "conv2d/lesson-5x5-s2-p1: forward shape (1 point)",
                "pass",
                LESSON.points(Conv2dLayer.FORWARD_SHAPE),
                null,
                0),
            new ClassroomResult.Test(
                "conv2d/lesson-5x5-s2-p1: backward db (1 point)",
                "fail",
                0.85,
                "db is wrong: 7 of 48 elements differ from the reference by more than the"
                    + " tolerance 1e-7.",
                0));
    assertThat(result.score()).isEqualTo(LESSON.points(Conv2dLayer.FORWARD_SHAPE) + 0.85);
  }

  @Test
  void passesWhenEveryPartPassed() {
    assertThat(
            ClassroomResult.of(List.of(new PartResult(LESSON, Conv2dLayer.FORWARD_SHAPE, passed())))
                .status())
        .isEqualTo("pass");
  }

  @Test
  void holdsTheResultsOfOneLayerOnly() {
    Fixture pooling =
        TestRepository.fixtures().fixtures().stream()
            .filter(f -> f.layer().equals(MaxPool2dLayer.LAYER))
            .findFirst()
            .orElseThrow();

    assertThatThrownBy(
            () ->
                ClassroomResult.of(
                    List.of(
                        new PartResult(LESSON, Conv2dLayer.FORWARD_SHAPE, passed()),
                        new PartResult(pooling, MaxPool2dLayer.LAYER.parts().get(0), passed()))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a Classroom result holds the parts of one layer only");
    assertThatThrownBy(() -> ClassroomResult.of(List.of()))
        .hasMessage("a Classroom result needs the parts of a layer");
  }

  @Test
  void checksWhatTheReporterWouldMisread() {
    assertThatThrownBy(() -> new ClassroomResult(1, "passed", 10, List.of()))
        .hasMessage("a Classroom result's status is pass, fail or error, found [passed]");
    assertThatThrownBy(() -> new ClassroomResult(1, "pass", 0, List.of()))
        .hasMessage("a Classroom result's max_score must be positive, found 0.0");
    assertThatThrownBy(
            () ->
                new ClassroomResult(
                    1, "pass", 1, List.of(new ClassroomResult.Test("a", "pass", 2, null, 0))))
        .hasMessage("a Classroom result's tests score 2.0 of at most 1.0");
    assertThatThrownBy(() -> new ClassroomResult.Test("a", "pass", -1, null, 0))
        .hasMessage("Classroom test [a] must score 0 or more, found -1.0");
  }

  @Test
  void aLayerWhoseCheckDidNotRunIsAnErrorWorthNothing() {
    ClassroomResult result = ClassroomResult.notRun("Conv2d (conv2d)", 104);

    assertThat(result.status()).isEqualTo("error");
    assertThat(result.maxScore()).isEqualTo(104);
    assertThat(result.score()).isZero();
    assertThat(result.tests().get(0).message())
        .isEqualTo(
            "The pre-submit check did not run: see the step \"Pre-submit check\" (does your code"
                + " compile?).");
  }

  @Test
  void runnerIdsAreTheLayerIdsInLettersAndDigits() {
    List<ClassroomRunner> runners = ClassroomRunner.of(Layers.builtIn().all());

    assertThat(runners)
        .extracting(ClassroomRunner::id)
        .containsExactly("conv2d", "maxpool2d", "spatialgroupnorm", "spatialbatchnorm");
    assertThat(runners.get(3).resultsVariable()).isEqualTo("SPATIALBATCHNORM_RESULTS");
    assertThat(runners.get(3).fileName()).isEqualTo("spatialbatchnorm.json");
    assertThatThrownBy(() -> ClassroomRunner.of(List.of(Conv2dLayer.LAYER, Conv2dLayer.LAYER)))
        .hasMessage("two layers would be the Classroom runner [conv2d]");
    assertThatThrownBy(() -> new ClassroomRunner("conv-2d", Conv2dLayer.LAYER))
        .hasMessage("a Classroom runner id is lower-case letters and digits, found [conv-2d]");
  }
}
