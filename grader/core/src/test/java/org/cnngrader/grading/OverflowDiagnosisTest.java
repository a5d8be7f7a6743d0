package org.cnngrader.grading;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.cnngrader.compare.RelativeError;
import org.cnngrader.diagnosis.Diagnoser;
import org.cnngrader.diagnosis.Diagnosis;
import org.cnngrader.fixture.Fixture;
import org.cnngrader.fixture.FixtureJson;
import org.cnngrader.fixture.Visibility;
import org.cnngrader.layer.Part;
import org.cnngrader.layers.Layers;
import org.cnngrader.layers.described.Descriptions;
import org.cnngrader.tensor.Shape;
import org.cnngrader.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A mistake that overflows (a softmax without its shift) is diagnosed in every case where the
 * student's values overflow the same way: NaN matches a NaN reference, though it never passes.
 */
class OverflowDiagnosisTest {

  @TempDir Path root;

  private Fixture lossCase(String name, double first) {
    return FixtureJson.parse(
        """
        {"name": "%s", "layer": "softmax_loss", "params": {},
         "inputs": {"scores": {"shape": [1, 2], "data": [%s, 999]}, "y": {"shape": [1], "data": [0]}},
         "expected": {"loss": {"shape": [], "data": [0.31]},
                      "dscores": {"shape": [1, 2], "data": [-0.27, 0.27]}},
         "mistakes": {"no-shift": {"loss": {"shape": [], "data": ["NaN"]},
                                   "dscores": {"shape": [1, 2], "data": ["NaN", "NaN"]}}},
         "reference": {"library": "pytorch", "version": "2.5.1"}}
        """
            .formatted(name, first),
        Visibility.PUBLIC,
        Layers.in(root));
  }

  private static PartResult graded(Fixture fixture, Part part, Tensor actual) {
    Tensor expected = fixture.expected(part.tensor());
    return new PartResult(
        fixture,
        part,
        new Verdict.WrongValues(
            part.tensor(),
            RelativeError.compare(expected, actual, fixture.tolerance()),
            expected,
            actual,
            Diagnoser.ofValues(fixture, part.tensor(), actual).orElse(null)));
  }

  @Test
  void theOverflowsDiagnosisIsKeptWhereEveryCaseOverflowsAlike() {
    Descriptions.write(root, Descriptions.SOFTMAX);
    Fixture one = lossCase("one", 1000);
    Fixture two = lossCase("two", 1001);
    Part dscores = one.layer().part("dscores").orElseThrow();
    Tensor nan = new Tensor(Shape.of(1, 2), new double[] {Double.NaN, Double.NaN});

    List<PartResult> parts =
        ConsistentDiagnoses.acrossCases(
            List.of(graded(one, dscores, nan), graded(two, dscores, nan)));

    assertThat(parts)
        .extracting(p -> ((Verdict.WrongValues) p.verdict()).diagnosis())
        .extracting(Diagnosis::mistake)
        .containsOnly(one.layer().mistake("no-shift").orElseThrow());
  }

  @Test
  void aWrongLossIsToldAsOneNumberNotAsATensorsElements() {
    Descriptions.write(root, Descriptions.SOFTMAX);
    Fixture one = lossCase("one", 1000);
    Part loss = one.layer().part("loss").orElseThrow();
    double expected = one.expected("loss").get(0);

    String overflowed =
        org.cnngrader.feedback.FeedbackWriter.describe(
            graded(one, loss, new Tensor(Shape.of(), new double[] {Double.NaN})));
    String wrong =
        org.cnngrader.feedback.FeedbackWriter.describe(
            graded(one, loss, new Tensor(Shape.of(), new double[] {2 * expected})));

    assertThat(overflowed)
        .startsWith(
            "loss should be "
                + org.cnngrader.feedback.Numbers.value(expected)
                + ", but was NaN, which never passes")
        .doesNotContain("elements");
    assertThat(wrong)
        .startsWith(
            "loss should be "
                + org.cnngrader.feedback.Numbers.value(expected)
                + ", but was "
                + org.cnngrader.feedback.Numbers.value(2 * expected)
                + " (relative error 3.3e-01, tolerance ")
        .doesNotContain("elements");
  }
}
