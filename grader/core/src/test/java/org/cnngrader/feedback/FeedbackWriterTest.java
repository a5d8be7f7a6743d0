package org.cnngrader.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.cnngrader.TestRepository;
import org.cnngrader.compare.RelativeError;
import org.cnngrader.execution.CallOutcome;
import org.cnngrader.execution.CapturedOutput;
import org.cnngrader.fixture.Fixture;
import org.cnngrader.grading.PartResult;
import org.cnngrader.grading.SubmissionResult;
import org.cnngrader.grading.Verdict;
import org.cnngrader.layers.conv2d.Conv2dLayer;
import org.cnngrader.layers.conv2d.ConvGeometry;
import org.cnngrader.layers.conv2d.ConvParams;
import org.cnngrader.runner.Member;
import org.cnngrader.tensor.Shape;
import org.cnngrader.tensor.Tensor;
import org.junit.jupiter.api.Test;

class FeedbackWriterTest {

  private static final ConvGeometry LESSON =
      new ConvGeometry(1, 1, 5, 5, 1, 3, 3, new ConvParams(2, 1));

  @Test
  void derivesTheOutputSizeWithTheCasesOwnNumbers() {
    Verdict verdict =
        new Verdict.WrongShape("out", Shape.of(1, 1, 3, 3), Shape.of(1, 1, 5, 3), LESSON.setting());

    assertThat(FeedbackWriter.describe(verdict))
        .isEqualTo(
            "out should have shape [N, F, H', W'] = [1, 1, 3, 3], but was [1, 1, 5, 3]:\n"
                + "- output height should be (H - HH + 2*pad)/stride + 1 = (5 - 3 + 2*1)/2 + 1 = 3, but was 5");
  }

  @Test
  void explainsAWrongNumberOfOutputChannelsWithTheDepthRule() {
    ConvGeometry geometry = new ConvGeometry(2, 3, 7, 7, 4, 3, 3, new ConvParams(1, 1));
    Verdict verdict =
        new Verdict.WrongShape(
            "out", Shape.of(2, 4, 7, 7), Shape.of(2, 12, 7, 7), geometry.setting());

    assertThat(FeedbackWriter.describe(verdict))
        .isEqualTo(
            "out should have shape [N, F, H', W'] = [2, 4, 7, 7], but was [2, 12, 7, 7]:\n"
                + "- output channels should be F = 4 (one per filter; each filter spans all 3 input channels), but was 12");
  }

  @Test
  void namesTheShapeAGradientMustHave() {
    Verdict verdict =
        new Verdict.WrongShape("dx", Shape.of(1, 1, 5, 5), Shape.of(1, 1, 7, 7), LESSON.setting());

    assertThat(FeedbackWriter.describe(verdict))
        .isEqualTo("dx should have shape [1, 1, 5, 5] (the shape of x), but was [1, 1, 7, 7]");
  }

  @Test
  void wrongValuesNameTensorWorstIndexBothValuesTheErrorAndTheCount() {
    Tensor expected = new Tensor(Shape.of(1, 1, 2, 2), new double[] {1, 2, 3, 4});
    Tensor actual = new Tensor(Shape.of(1, 1, 2, 2), new double[] {1, 2, 3, 5});

    String text =
        FeedbackWriter.describe(
            new Verdict.WrongValues(
                "out", RelativeError.compare(expected, actual, 1e-7), expected, actual));

    assertThat(text)
        .isEqualTo(
            "out is wrong: 1 of 4 elements differs from the reference by more than the tolerance 1e-7.\n"
                + "Worst at out[0][0][1][1]: expected 4, but was 5 (relative error 1.1e-01)");
  }

  @Test
  void saysNotImplementedForAStubAndWhyBackwardWasNotRun() {
    Verdict stub =
        new Verdict.NotImplemented(
            Member.step("forward"),
            new CallOutcome.Threw<>(
                "java.lang.UnsupportedOperationException",
                "implement Conv2d.forward",
                List.of("cnn.Conv2d.forward(Conv2d.java:9)")));

    assertThat(FeedbackWriter.describe(stub))
        .isEqualTo(
            "forward is not implemented yet (it threw UnsupportedOperationException: implement Conv2d.forward)");
    assertThat(
            FeedbackWriter.describe(
                new Verdict.NotRun(Member.step("backward"), Member.step("forward"), stub)))
        .isEqualTo(
            "backward was not run because forward is not implemented yet"
                + " (it threw UnsupportedOperationException: implement Conv2d.forward)");
  }

  @Test
  void showsTheStudentsFramesOfAnException() {
    Verdict verdict =
        new Verdict.CallFailed(
            Member.step("backward"),
            new CallOutcome.Threw<>(
                "java.lang.ArrayIndexOutOfBoundsException",
                "Index 5 out of bounds for length 5",
                List.of("cnn.Conv2d.pad(Conv2d.java:40)", "cnn.Conv2d.backward(Conv2d.java:31)")));

    assertThat(FeedbackWriter.describe(verdict))
        .isEqualTo(
            """
            backward threw java.lang.ArrayIndexOutOfBoundsException: Index 5 out of bounds for length 5
                at cnn.Conv2d.pad(Conv2d.java:40)
                at cnn.Conv2d.backward(Conv2d.java:31)\
            """);
  }

  @Test
  void namesTheCpuTimeLimit() {
    Verdict verdict =
        new Verdict.CallFailed(
            Member.step("backward"),
            new CallOutcome.TimedOut<>(Duration.ofSeconds(10), false, Duration.ofMillis(10_020)));

    assertThat(FeedbackWriter.describe(verdict))
        .isEqualTo("backward used 10 s of CPU time without returning and was stopped");
  }

  @Test
  void aCallStoppedByTheClockIsToldItWasWaiting() {
    Verdict verdict =
        new Verdict.CallFailed(
            Member.step("forward"),
            new CallOutcome.TimedOut<>(Duration.ofSeconds(30), true, Duration.ofMillis(120)));

    assertThat(FeedbackWriter.describe(verdict))
        .isEqualTo(
            "forward did not return within 30 s and was stopped; it used only 0.12 s of CPU"
                + " time, so it was waiting or sleeping");
  }

  @Test
  void aKillForMemoryNamesTheLimitAndWhereTheMemoryGoes() {
    Verdict verdict =
        new Verdict.CallFailed(
            Member.step("forward"),
            new CallOutcome.OutOfMemory<>(1088L * 1024 * 1024, 512L * 1024 * 1024));

    assertThat(FeedbackWriter.describe(verdict))
        .isEqualTo(
            "forward used more than 1,088 MiB of memory, heap and native memory together, and was"
                + " stopped (the limit is 1,088 MiB, of which the Java heap may take 512 MiB):"
                + " every case fits in a few megabytes, so look for memory allocated outside the"
                + " heap (direct buffers, Unsafe, threads) or files written to /tmp");
  }

  @Test
  void forwardValuesOfAWrongShapeSendTheReaderToTheShapePart() {
    Fixture fixture =
        TestRepository.fixtures().fixtures().stream()
            .filter(f -> f.name().equals("lesson-5x5-s2-p1"))
            .findFirst()
            .orElseThrow();
    PartResult part =
        new PartResult(
            fixture,
            Conv2dLayer.FORWARD,
            new Verdict.WrongShape(
                "out", Shape.of(1, 1, 3, 3), Shape.of(1, 1, 5, 5), LESSON.setting()));

    assertThat(FeedbackWriter.describe(part))
        .isEqualTo(
            "values not compared: out has shape [1, 1, 5, 5] instead of [1, 1, 3, 3] (see \"conv2d/lesson-5x5-s2-p1: forward shape\")");
  }

  @Test
  void summaryGivesTheScoreAndWhatTheCodePrinted() {
    Fixture fixture = TestRepository.fixtures().fixtures().get(0);
    SubmissionResult result =
        new SubmissionResult(
            "alice",
            List.of(
                new PartResult(fixture, Conv2dLayer.FORWARD_SHAPE, new Verdict.Passed("out", null)),
                new PartResult(
                    fixture,
                    Conv2dLayer.DB,
                    new Verdict.ReturnedNull(Member.step("backward"), "Gradients"))),
            Optional.empty(),
            Optional.empty(),
            new CapturedOutput("debug: n=2\n", 10),
            CapturedOutput.NONE,
            List.of(),
            List.of(),
            Map.of(),
            Duration.ofMillis(1200));

    assertThat(FeedbackWriter.summary(result))
        .isEqualTo(
            """
            Score: 1 / 2 (1 of 2 parts passed)
            Your code printed:
            debug: n=2
            … 10 more bytes of output not shown
            """);
  }

  @Test
  void valuesShowTenSignificantDigitsWithoutDecimalNoise() {
    assertThat(Numbers.value(0.24539999999999873)).isEqualTo("0.2454");
    assertThat(Numbers.value(-1.4023438099999999)).isEqualTo("-1.40234381");
    assertThat(Numbers.value(1.2345678912345e-9)).isEqualTo("1.234567891E-9");
    assertThat(Numbers.value(Double.NaN)).isEqualTo("NaN");
    assertThat(Numbers.value(108.0)).isEqualTo("108");
  }

  @Test
  void wrongValuesOfAPartNameTheCasesSizes() {
    Fixture fixture =
        TestRepository.fixtures().fixtures().stream()
            .filter(f -> f.name().equals("batch-3ch-4filters"))
            .findFirst()
            .orElseThrow();
    Tensor expected = fixture.expected("db");
    double[] data = expected.data();
    data[2] += 1;
    PartResult part =
        new PartResult(
            fixture,
            Conv2dLayer.DB,
            new Verdict.WrongValues(
                "db",
                RelativeError.compare(expected, new Tensor(expected.shape(), data), 1e-7),
                expected,
                new Tensor(expected.shape(), data)));

    assertThat(FeedbackWriter.describe(part))
        .startsWith("db is wrong: 1 of 4 elements differs")
        .endsWith("\nThis case: x [2, 3, 7, 7], w [4, 3, 3, 3], b [4], stride 1, pad 1");
  }

  @Test
  void aCaseCutByTheSubmissionsTimeLimitSaysWhetherItEverStarted() {
    Duration limit = Duration.ofSeconds(3);

    assertThat(
            FeedbackWriter.describe(
                new Verdict.CallFailed(
                    Member.step("forward"), new CallOutcome.OutOfTime<Void>(limit, true))))
        .isEqualTo(
            "forward was stopped: the submission used up its total time limit of 3 s of CPU time"
                + " (all its cases together)");
    assertThat(
            FeedbackWriter.describe(
                new Verdict.CallFailed(
                    Member.step("forward"), new CallOutcome.OutOfTime<Void>(limit, false))))
        .isEqualTo(
            "not run: the submission had used up its total time limit of 3 s of CPU time (all"
                + " its cases together) before this case");
  }

  @Test
  void aPassNamesTheElementsThatOnlyRoundingTookBeyondTheTolerance() {
    Tensor expected = new Tensor(Shape.of(3), new double[] {2e-15, 0.25, 0.5});
    Tensor actual = new Tensor(Shape.of(3), new double[] {-1e-14, 0.25, 0.5});
    Verdict passed =
        new Verdict.Passed(
            "db", RelativeError.compare(expected, actual, 1e-7, index -> index == 0 ? 1e-13 : 0));

    assertThat(FeedbackWriter.describe(passed))
        .isEqualTo(
            "db matches the reference (max relative error 0.0e+00, tolerance 1e-7); 1 element near"
                + " zero is beyond the tolerance by no more than rounding can make of the sum in any"
                + " order, and passes");
  }
}
