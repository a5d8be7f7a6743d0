package org.cnngrader.grading;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.cnngrader.TestRepository;
import org.cnngrader.compare.ValueComparison;
import org.cnngrader.feedback.FeedbackWriter;
import org.cnngrader.fixture.Credit;
import org.cnngrader.fixture.Fixture;
import org.cnngrader.layers.conv2d.Conv2dLayer;
import org.cnngrader.runner.Member;
import org.cnngrader.tensor.Shape;
import org.cnngrader.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Proportional credit: the share of a part's elements within tolerance, said in the feedback. */
class PartialCreditTest {

  private static final Fixture LESSON =
      TestRepository.fixtures().fixtures().stream()
          .filter(f -> f.name().equals("lesson-5x5-s2-p1"))
          .findFirst()
          .orElseThrow();

  /** Wrong values of db, a [1] tensor stood in for by 48 elements of which {@code off} are off. */
  private static Verdict wrong(int off) {
    Tensor any = new Tensor(Shape.of(48), new double[48]);
    return new Verdict.WrongValues(
        "db", new ValueComparison(Shape.of(48), 1, new int[] {0}, 0, 1, off, 0, 0, 1e-7), any, any);
  }

  @Test
  void proportionalCreditGivesTheShareWithinToleranceRoundedDownToHundredths() {
    PartResult part =
        new PartResult(
            LESSON.withCredit(Map.of(Conv2dLayer.DB, Credit.PROPORTIONAL)),
            Conv2dLayer.DB,
            wrong(7));

    assertThat(part.score()).isEqualTo(0.85); // 41/48 = 0.854
    assertThat(part.passed()).isFalse();
    assertThat(FeedbackWriter.describe(part))
        .endsWith("\n41 of 48 elements within tolerance: 0.85 of 1 point (proportional credit)");
  }

  @Test
  void allOrNothingIsTheDefaultAndSaysNothingOfElementsWithin() {
    PartResult part = new PartResult(LESSON, Conv2dLayer.DB, wrong(7));

    assertThat(part.score()).isZero();
    assertThat(FeedbackWriter.describe(part)).doesNotContain("within tolerance:");
  }

  @Test
  void theCommandLinesCreditLeavesTheShapeAllOrNothingAndOtherVerdictsEarnNothing() {
    PartResult shape =
        new PartResult(LESSON, Conv2dLayer.FORWARD_SHAPE, wrong(7)).withCredit(Credit.PROPORTIONAL);
    PartResult crashed =
        new PartResult(
                LESSON,
                Conv2dLayer.DB,
                new Verdict.Missing(Member.step("backward"), Conv2dLayer.LAYER.contract(), "none"))
            .withCredit(Credit.PROPORTIONAL);

    assertThat(shape.credit()).isEqualTo(Credit.ALL_OR_NOTHING);
    assertThat(shape.score()).isZero();
    assertThat(crashed.score()).isZero();
  }

  @Test
  void totalsOfHundredthsReadAsTheyShould() {
    assertThat(Points.total(List.of(0.32, 1.28).stream().mapToDouble(Double::doubleValue)))
        .isEqualTo(1.6);
  }
}
