package org.cnngrader.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class InputChangesTest {

  private static double[][][][] tensor() {
    return new double[][][][] {{{{1, 2}, {3, 4}}, {{5, 6}, {7, 8}}}};
  }

  @Test
  void anUntouchedInputHasNoChange() {
    double[][][][] x = tensor();
    Object before = InputChanges.copy(x);

    assertThat(InputChanges.compare(Member.step("forward"), "x", before, x)).isEmpty();
  }

  @Test
  void theCopyIsDeepSoThatLaterWritesShowUp() {
    double[][][][] x = tensor();
    Object before = InputChanges.copy(x);
    x[0][1][1][0] = -7;

    List<InputChanges.Change> changes =
        InputChanges.compare(Member.step("forward"), "x", before, x);

    assertThat(changes)
        .containsExactly(
            new InputChanges.Change(Member.step("forward"), "x", "[0][1][1][0]", 7, -7, ""));
  }

  @Test
  void onlyTheFirstChangeIsReported() {
    double[] b = {1, 2, 3};
    Object before = InputChanges.copy(b);
    b[1] = 0;
    b[2] = 0;

    assertThat(InputChanges.compare(Member.step("backward"), "b", before, b))
        .singleElement()
        .satisfies(change -> assertThat(change.where()).isEqualTo("[1]"));
  }

  @Test
  void aRowSetToNullOrReplacedByAnotherLengthIsDescribed() {
    double[][][][] x = tensor();
    Object before = InputChanges.copy(x);
    x[0][0] = null;
    double[][][][] w = tensor();
    Object beforeW = InputChanges.copy(w);
    w[0][1][0] = new double[5];

    assertThat(InputChanges.compare(Member.step("forward"), "x", before, x))
        .singleElement()
        .satisfies(
            change -> {
              assertThat(change.where()).isEqualTo("[0][0]");
              assertThat(change.how()).isEqualTo("was set to null");
            });
    assertThat(InputChanges.compare(Member.step("forward"), "w", beforeW, w))
        .singleElement()
        .satisfies(
            change ->
                assertThat(change.how())
                    .isEqualTo("was replaced by an array of length 5 instead of 2"));
  }

  @Test
  void aNanOverwrittenByTheSameNanIsNoChangeButNegativeZeroIs() {
    double[] values = {Double.NaN, 0.0};
    Object before = InputChanges.copy(values);
    values[0] = Double.NaN;
    values[1] = -0.0;

    assertThat(InputChanges.compare(Member.step("forward"), "b", before, values))
        .singleElement()
        .satisfies(change -> assertThat(change.where()).isEqualTo("[1]"));
  }

  @Test
  void floatAndIntArraysAreCopiedDeeplyAndTheirWritesFound() {
    float[][] scores = {{0.5f, -1.25f}, {2f, 0f}};
    int[] labels = {1, 0};
    Object scoresBefore = InputChanges.copy(scores);
    Object labelsBefore = InputChanges.copy(labels);
    scores[1][1] = -0f;
    labels[1] = 3;

    assertThat(InputChanges.compare(Member.step("loss"), "scores", scoresBefore, scores))
        .containsExactly(
            new InputChanges.Change(Member.step("loss"), "scores", "[1][1]", 0, -0.0, ""));
    assertThat(InputChanges.compare(Member.step("loss"), "y", labelsBefore, labels))
        .containsExactly(new InputChanges.Change(Member.step("loss"), "y", "[1]", 0, 3, ""));
    assertThat((float[][]) scoresBefore).isDeepEqualTo(new float[][] {{0.5f, -1.25f}, {2f, 0f}});
  }
}
