package org.cnngrader.grading;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;
import org.cnngrader.TestRepository;
import org.cnngrader.TestSandbox;
import org.cnngrader.fixture.ConvGeometry;
import org.cnngrader.fixture.Fixture;
import org.cnngrader.fixture.Part;
import org.cnngrader.tensor.Tensor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Grades the example submissions on every fixture: correct solutions earn everything, and each
 * typical mistake loses exactly the parts it breaks, case by case, as worked out from the case's
 * own geometry.
 */
class ZooGradingTest {

  private static SubmissionResult grade(String example) throws Exception {
    return new SubmissionGrader(
            TestRepository.fixtures(), GradingOptions.DEFAULT, TestSandbox.strongest())
        .grade(example, TestRepository.example(example));
  }

  @ParameterizedTest
  @ValueSource(strings = {"correct-loops", "correct-im2col", "correct-compensated"})
  void correctSolutionsEarnFullMarks(String example) throws Exception {
    SubmissionResult result = grade(example);

    assertThat(result.parts())
        .allSatisfy(part -> assertThat(part.passed()).as(part.name()).isTrue());
    assertThat(result.score())
        .isEqualTo(result.maxScore())
        .isEqualTo(TestRepository.fixtures().maxScore());
  }

  static Stream<Arguments> mistakes() {
    return Stream.of(
        mistake("mistake-stride-ignored", f -> f.geometry().stride() > 1 ? allParts() : none()),
        mistake("mistake-padding-ignored", f -> f.geometry().pad() > 0 ? allParts() : none()),
        mistake(
            "mistake-flipped-kernel",
            f -> {
              Set<Part> failing = none();
              if (!isRotationSymmetric(f.inputs().w(), f.geometry())) {
                failing.addAll(EnumSet.of(Part.FORWARD, Part.DX));
              }
              if (f.geometry().hh() * f.geometry().ww() > 1) {
                failing.add(Part.DW);
              }
              return failing;
            }),
        mistake(
            "mistake-first-channel-only",
            f -> f.geometry().c() > 1 ? EnumSet.of(Part.FORWARD, Part.DX, Part.DW) : none()),
        mistake(
            "mistake-bias-missing",
            f -> hasNonZero(f.inputs().b()) ? EnumSet.of(Part.FORWARD) : none()),
        mistake("mistake-db-not-summed", f -> f.geometry().n() > 1 ? EnumSet.of(Part.DB) : none()),
        mistake("mistake-dw-not-summed", f -> f.geometry().n() > 1 ? EnumSet.of(Part.DW) : none()),
        mistake(
            "mistake-dx-overwritten",
            f -> someInputGetsSeveralContributions(f.geometry()) ? EnumSet.of(Part.DX) : none()),
        mistake(
            "mistake-padding-one-side",
            f -> f.geometry().pad() > 0 ? EnumSet.of(Part.FORWARD, Part.DX, Part.DW) : none()),
        mistake(
            "mistake-channels-not-summed",
            f -> f.geometry().c() > 1 ? EnumSet.of(Part.FORWARD) : none()),
        mistake(
            "mistake-bias-per-channel",
            f ->
                f.geometry().c() > 1 && hasNonZero(f.inputs().b())
                    ? EnumSet.of(Part.FORWARD)
                    : none()),
        mistake(
            "mistake-height-width-swapped",
            f -> {
              if (f.geometry().outHeight() != f.geometry().outWidth()) {
                return EnumSet.of(Part.FORWARD_SHAPE, Part.FORWARD);
              }
              return isTransposeSymmetric(f.expected().out()) ? none() : EnumSet.of(Part.FORWARD);
            }),
        mistake(
            "mistake-dx-transposed",
            f ->
                f.geometry().h() == f.geometry().w() && isTransposeSymmetric(f.expected().dx())
                    ? none()
                    : EnumSet.of(Part.DX)),
        mistake(
            "mistake-dw-transposed",
            f ->
                f.geometry().hh() == f.geometry().ww() && isTransposeSymmetric(f.expected().dw())
                    ? none()
                    : EnumSet.of(Part.DW)),
        mistake(
            "mistake-dx-flipped-kernel",
            f -> isRotationSymmetric(f.inputs().w(), f.geometry()) ? none() : EnumSet.of(Part.DX)),
        mistake(
            "mistake-dx-not-cropped", f -> f.geometry().pad() > 0 ? EnumSet.of(Part.DX) : none()));
  }

  /** Swapping height and width changes nothing when every slice equals its own transpose. */
  private static boolean isTransposeSymmetric(Tensor t) {
    int[] dims = t.shape().dims();
    int h = dims[2];
    int w = dims[3];
    for (int start = 0; start < t.size(); start += h * w) {
      for (int i = 0; i < h; i++) {
        for (int j = 0; j < w; j++) {
          if (t.get(start + i * w + j) != t.get(start + j * w + i)) {
            return false;
          }
        }
      }
    }
    return true;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("mistakes")
  void eachTypicalMistakeLosesExactlyThePartsItBreaks(
      String example, Function<Fixture, Set<Part>> breaks) throws Exception {
    SubmissionResult result = grade(example);

    for (PartResult part : result.parts()) {
      boolean shouldFail = breaks.apply(part.fixture()).contains(part.part());
      assertThat(part.passed()).as(example + " on " + part.name()).isEqualTo(!shouldFail);
    }
    assertThat(result.score()).isLessThan(result.maxScore());
  }

  private static Arguments mistake(String example, Function<Fixture, Set<Part>> breaks) {
    return Arguments.of(example, breaks);
  }

  private static Set<Part> allParts() {
    return EnumSet.allOf(Part.class);
  }

  private static Set<Part> none() {
    return EnumSet.noneOf(Part.class);
  }

  private static boolean hasNonZero(Tensor tensor) {
    for (double value : tensor.data()) {
      if (value != 0) {
        return true;
      }
    }
    return false;
  }

  /** A flipped kernel changes nothing when every filter equals its own 180-degree rotation. */
  private static boolean isRotationSymmetric(Tensor w, ConvGeometry g) {
    double[] data = w.data();
    int slice = g.hh() * g.ww();
    for (int start = 0; start < data.length; start += slice) {
      for (int k = 0; k < slice; k++) {
        if (data[start + k] != data[start + slice - 1 - k]) {
          return false;
        }
      }
    }
    return true;
  }

  /** Assigning instead of accumulating only shows where one input element feeds several outputs. */
  private static boolean someInputGetsSeveralContributions(ConvGeometry g) {
    if (g.f() > 1) {
      return true;
    }
    int[][] count = new int[g.h()][g.w()];
    for (int i = 0; i < g.outHeight(); i++) {
      for (int j = 0; j < g.outWidth(); j++) {
        for (int p = 0; p < g.hh(); p++) {
          for (int q = 0; q < g.ww(); q++) {
            int row = i * g.stride() + p - g.pad();
            int col = j * g.stride() + q - g.pad();
            if (row >= 0 && row < g.h() && col >= 0 && col < g.w() && ++count[row][col] > 1) {
              return true;
            }
          }
        }
      }
    }
    return false;
  }

  @ParameterizedTest
  @ValueSource(strings = {"mistake-stride-ignored", "mistake-bias-missing"})
  void feedbackOfEveryFailedPartSaysWhatIsWrong(String example) throws Exception {
    List<PartResult> failed = grade(example).parts().stream().filter(p -> !p.passed()).toList();

    assertThat(failed).isNotEmpty();
    assertThat(failed)
        .allSatisfy(
            part ->
                assertThat(org.cnngrader.feedback.FeedbackWriter.describe(part))
                    .containsAnyOf(
                        "should have shape", "is wrong:", "values not compared", "threw"));
  }
}
