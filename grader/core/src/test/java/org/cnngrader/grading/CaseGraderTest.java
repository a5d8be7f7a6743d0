package org.cnngrader.grading;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cnngrader.TestRepository;
import org.cnngrader.diagnosis.Diagnosis;
import org.cnngrader.diagnosis.UnfinishedBackward;
import org.cnngrader.execution.CallOutcome;
import org.cnngrader.execution.CaseRun;
import org.cnngrader.execution.InputChange;
import org.cnngrader.execution.StepOutputs;
import org.cnngrader.fixture.Fixture;
import org.cnngrader.layers.conv2d.Conv2dLayer;
import org.cnngrader.layers.conv2d.Conv2dMistake;
import org.cnngrader.layers.maxpool2d.MaxPool2dLayer;
import org.cnngrader.runner.Member;
import org.junit.jupiter.api.Test;

/** The one place that decides every part, from outcomes made by hand: no child JVM is started. */
class CaseGraderTest {

  private static final Member FORWARD = Member.step("forward");
  private static final Member BACKWARD = Member.step("backward");

  private static Fixture fixture(String layer, String name) {
    return TestRepository.fixtures().fixtures().stream()
        .filter(f -> f.layer().id().equals(layer) && f.name().equals(name))
        .findFirst()
        .orElseThrow();
  }

  private static CallOutcome<StepOutputs> returned(Fixture fixture, String... tensors) {
    Map<String, Object> values = new LinkedHashMap<>();
    for (String tensor : tensors) {
      values.put(tensor, fixture.expected(tensor).toNested());
    }
    return new CallOutcome.Returned<>(Answers.outputs(values));
  }

  private static CaseRun run(
      CallOutcome<StepOutputs> forward, CallOutcome<StepOutputs> backward, InputChange... changes) {
    Map<String, CallOutcome<StepOutputs>> steps = new LinkedHashMap<>();
    steps.put("forward", forward);
    steps.put("backward", backward);
    return new CaseRun(new CallOutcome.Returned<>(null), steps, List.of(changes), List.of(), 0);
  }

  private static List<PartResult> grade(Fixture fixture, CaseRun run) {
    return new CaseGrader(fixture, Map.of()).grade(run);
  }

  @Test
  void theReferencesThemselvesPassEveryPartOfEachLayer() {
    Fixture conv = fixture("conv2d", "lesson-5x5-s2-p1");
    Fixture pool = fixture("maxpool2d", "overlap-3x3-s2");

    assertThat(grade(conv, run(returned(conv, "out"), returned(conv, "dx", "dw", "db"))))
        .hasSize(5)
        .allSatisfy(part -> assertThat(part.passed()).as(part.name()).isTrue());
    assertThat(grade(pool, run(returned(pool, "out"), returned(pool, "dx"))))
        .extracting(PartResult::name)
        .containsExactly(
            "maxpool2d/overlap-3x3-s2: forward shape",
            "maxpool2d/overlap-3x3-s2: forward values",
            "maxpool2d/overlap-3x3-s2: backward dx");
  }

  @Test
  void aForwardThatThrowsFailsItsPartsAndBackwardWasNotRunBecauseOfIt() {
    Fixture conv = fixture("conv2d", "lesson-5x5-s2-p1");
    CallOutcome.Threw<StepOutputs> threw =
        new CallOutcome.Threw<>(
            "java.lang.ArithmeticException",
            "/ by zero",
            List.of("cnn.Conv2d.forward(Conv2d.java:9)"));

    List<PartResult> parts = grade(conv, run(threw, new CallOutcome.Skipped<>(FORWARD)));

    assertThat(parts.get(0).verdict()).isInstanceOf(Verdict.CallFailed.class);
    assertThat(parts.get(2).verdict())
        .isEqualTo(new Verdict.NotRun(BACKWARD, FORWARD, parts.get(0).verdict()));
  }

  @Test
  void theTemplatesStubIsNotImplementedButTheSameExceptionFromDeeperDownIsABug() {
    Fixture pool = fixture("maxpool2d", "lesson-4x4-2x2-s2");
    CallOutcome.Threw<StepOutputs> stub =
        new CallOutcome.Threw<>(
            "java.lang.UnsupportedOperationException",
            "implement MaxPool2d.forward",
            List.of("cnn.MaxPool2d.forward(MaxPool2d.java:66)"));
    CallOutcome.Threw<StepOutputs> deeper =
        new CallOutcome.Threw<>(
            "java.lang.UnsupportedOperationException",
            null,
            List.of("java.util.ImmutableCollections.uoe(ImmutableCollections.java:142)"));

    assertThat(grade(pool, run(stub, new CallOutcome.Skipped<>(FORWARD))).get(1).verdict())
        .isInstanceOf(Verdict.NotImplemented.class);
    assertThat(grade(pool, run(deeper, new CallOutcome.Skipped<>(FORWARD))).get(1).verdict())
        .isInstanceOf(Verdict.CallFailed.class);
  }

  @Test
  void aBackwardThatReturnsNoRecordFailsEveryGradientSayingWhichRecord() {
    Fixture conv = fixture("conv2d", "lesson-5x5-s2-p1");

    List<PartResult> parts =
        grade(conv, run(returned(conv, "out"), new CallOutcome.Returned<>(null)));

    assertThat(parts.subList(2, 5))
        .allSatisfy(
            part ->
                assertThat(part.verdict())
                    .isEqualTo(
                        new Verdict.ReturnedNull(
                            BACKWARD,
                            "Gradients",
                            new Diagnosis.Unfinished(
                                UnfinishedBackward.RETURNS_NULL,
                                part.part().tensor(),
                                conv.setting()))));
  }

  @Test
  void aWrongShapeIsDecidedWithTheMistakeItsFormulaGives() {
    Fixture conv = fixture("conv2d", "lesson-5x5-s2-p1");
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("out", new double[1][1][5][5]);

    PartResult shape =
        grade(
                conv,
                run(
                    new CallOutcome.Returned<>(Answers.outputs(out)),
                    new CallOutcome.Skipped<>(FORWARD)))
            .get(0);

    assertThat(shape.verdict()).isInstanceOf(Verdict.WrongShape.class);
    Diagnosis diagnosis = ((Verdict.WrongShape) shape.verdict()).diagnosis();
    assertThat(diagnosis.mistake()).isEqualTo(Conv2dMistake.STRIDE_IGNORED);
  }

  @Test
  void aModifiedInputWarnsOnThePartItsCallProducesFirstAndCostsNothing() {
    Fixture pool = fixture("maxpool2d", "lesson-4x4-2x2-s2");
    InputChange change = new InputChange(BACKWARD, "dout", "[0][0][0][0]", 1, 0, "");

    List<PartResult> parts = grade(pool, run(returned(pool, "out"), returned(pool, "dx"), change));

    assertThat(parts).allSatisfy(part -> assertThat(part.passed()).isTrue());
    assertThat(parts.get(2).part()).isEqualTo(MaxPool2dLayer.DX);
    assertThat(parts.get(2).warnings()).containsExactly(new Warning.InputModified(change));
    assertThat(parts.get(0).warnings()).isEmpty();
    assertThat(parts.get(1).part()).isEqualTo(MaxPool2dLayer.FORWARD);
    assertThat(Conv2dLayer.LAYER.parts()).hasSize(5);
  }
}
