package org.cnngrader.grading;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;
import org.cnngrader.TestRepository;
import org.cnngrader.TestSandbox;
import org.cnngrader.fixture.Fixture;
import org.cnngrader.layer.KnownMistake;
import org.cnngrader.layer.Layer;
import org.cnngrader.layer.Part;
import org.cnngrader.layers.batchnorm.BatchNormMistake;
import org.cnngrader.layers.batchnorm.SpatialBatchNormLayer;
import org.cnngrader.layers.conv2d.Conv2dLayer;
import org.cnngrader.layers.conv2d.ConvGeometry;
import org.cnngrader.layers.groupnorm.GroupNormMistake;
import org.cnngrader.layers.groupnorm.SpatialGroupNormLayer;
import org.cnngrader.layers.maxpool2d.MaxPool2dLayer;
import org.cnngrader.layers.maxpool2d.MaxPool2dMistake;
import org.cnngrader.layers.maxpool2d.PoolGeometry;
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
    return Stream.concat(batchNormMistakes(), otherMistakes());
  }

  /**
   * Batch norm's mistakes whose parts depend on the numbers (momentum 0.5 reversed is momentum
   * 0.5): wherever the mistake changes a tensor beyond the tolerance, the fixture stores it there.
   */
  private static Stream<Arguments> batchNormMistakes() {
    Map<String, BatchNormMistake> examples = new LinkedHashMap<>();
    examples.put("mistake-bn-unbiased-variance", BatchNormMistake.UNBIASED_VARIANCE);
    examples.put("mistake-bn-eps-outside-sqrt", BatchNormMistake.EPS_OUTSIDE_SQRT);
    examples.put("mistake-bn-momentum-reversed", BatchNormMistake.MOMENTUM_REVERSED);
    examples.put("mistake-bn-running-not-updated", BatchNormMistake.RUNNING_NOT_UPDATED);
    examples.put("mistake-bn-updated-in-test-mode", BatchNormMistake.UPDATED_IN_TEST_MODE);
    examples.put(
        "mistake-bn-test-uses-batch-statistics", BatchNormMistake.TEST_USES_BATCH_STATISTICS);
    examples.put("mistake-bn-dgamma-last-sample", BatchNormMistake.LAST_SAMPLE_ONLY);
    examples.put("mistake-bn-dx-without-statistics", BatchNormMistake.DX_WITHOUT_STATISTICS);
    examples.put("mistake-bn-eps-in-running-variance", BatchNormMistake.EPS_IN_RUNNING_VARIANCE);
    examples.put("mistake-bn-test-without-gamma-beta", BatchNormMistake.TEST_WITHOUT_GAMMA_BETA);
    return examples.entrySet().stream()
        .map(e -> batchNormMistake(e.getKey(), f -> storedFor(f, e.getValue())));
  }

  private static Stream<Arguments> otherMistakes() {
    return Stream.of(
        Arguments.of(
            "conv-only",
            (Function<Fixture, Set<Part>>)
                f -> f.layer().equals(Conv2dLayer.LAYER) ? none() : allPartsOf(f.layer())),
        normMistake(
            "mistake-gn-unbiased-variance",
            f ->
                parts(
                    SpatialGroupNormLayer.FORWARD,
                    SpatialGroupNormLayer.DX,
                    SpatialGroupNormLayer.DGAMMA)),
        normMistake(
            "mistake-gn-eps-outside-sqrt",
            // Where eps moves a value beyond the tolerance: the fixture stores the mistake there.
            f -> storedFor(f, GroupNormMistake.EPS_OUTSIDE_SQRT)),
        normMistake(
            "mistake-gn-layer-norm",
            f ->
                f.params().integer("groups") > 1
                    ? parts(
                        SpatialGroupNormLayer.FORWARD,
                        SpatialGroupNormLayer.DX,
                        SpatialGroupNormLayer.DGAMMA)
                    : none()),
        normMistake(
            "mistake-gn-per-channel",
            f ->
                f.params().integer("groups") < f.input("x").shape().dim(1)
                    ? parts(
                        SpatialGroupNormLayer.FORWARD,
                        SpatialGroupNormLayer.DX,
                        SpatialGroupNormLayer.DGAMMA)
                    : none()),
        normMistake(
            "mistake-gn-dgamma-last-sample",
            f ->
                f.input("x").shape().dim(0) > 1
                    ? parts(SpatialGroupNormLayer.DGAMMA, SpatialGroupNormLayer.DBETA)
                    : none()),
        normMistake("mistake-gn-dx-without-statistics", f -> parts(SpatialGroupNormLayer.DX)),
        normMistake(
            "mistake-gn-per-position",
            f ->
                f.input("x").shape().dim(2) * f.input("x").shape().dim(3) > 1
                    ? parts(
                        SpatialGroupNormLayer.FORWARD,
                        SpatialGroupNormLayer.DX,
                        SpatialGroupNormLayer.DGAMMA)
                    : none()),
        normMistake(
            "mistake-gn-mean-integer-division",
            f ->
                parts(
                    SpatialGroupNormLayer.FORWARD,
                    SpatialGroupNormLayer.DX,
                    SpatialGroupNormLayer.DGAMMA)),
        // The output written into x, which backward reads as x: a warning, and wrong gradients.
        batchNormMistake(
            "mistake-bn-x-written-in-place",
            f -> parts(SpatialBatchNormLayer.DX, SpatialBatchNormLayer.DGAMMA)),
        // The mean is 0 in every channel, the running mean with it; dx from a staged backward.
        batchNormMistake(
            "mistake-bn-mean-integer-division",
            f ->
                parts(
                    SpatialBatchNormLayer.FORWARD,
                    SpatialBatchNormLayer.RUNNING_MEAN,
                    SpatialBatchNormLayer.RUNNING_VAR,
                    SpatialBatchNormLayer.DX,
                    SpatialBatchNormLayer.DGAMMA,
                    SpatialBatchNormLayer.TEST)),
        batchNormMistake(
            "mistake-bn-over-n-only",
            f -> {
              Tensor x = f.input("x_train");
              return x.shape().dim(3) * x.shape().dim(4) > 1
                  ? parts(
                      SpatialBatchNormLayer.FORWARD,
                      SpatialBatchNormLayer.DX,
                      SpatialBatchNormLayer.DGAMMA)
                  : none();
            }),
        batchNormMistake(
            "mistake-bn-per-sample",
            f ->
                parts(
                    SpatialBatchNormLayer.FORWARD,
                    SpatialBatchNormLayer.DX,
                    SpatialBatchNormLayer.DGAMMA)),
        poolMistake(
            "mistake-average-pooling",
            f ->
                pool(f).poolHeight() * pool(f).poolWidth() > 1
                    ? parts(MaxPool2dLayer.FORWARD, MaxPool2dLayer.DX)
                    : none()),
        poolMistake(
            "mistake-pool-stride-ignored",
            f -> {
              if (pool(f).stride() == 1) {
                return none();
              }
              Set<Part> failing = parts(MaxPool2dLayer.FORWARD_SHAPE, MaxPool2dLayer.FORWARD);
              // Windows one step apart may still find the same maxima.
              if (!java.util.Arrays.equals(dxWithWindowsApart(f, 1), f.expected("dx").data())) {
                failing.add(MaxPool2dLayer.DX);
              }
              return failing;
            }),
        poolMistake(
            "mistake-pool-window-height-for-width",
            f -> {
              PoolGeometry g = pool(f);
              if (g.poolHeight() == g.poolWidth()) {
                return none();
              }
              Set<Part> failing = parts(MaxPool2dLayer.FORWARD, MaxPool2dLayer.DX);
              if ((g.w() - g.poolHeight()) / g.stride() + 1 != g.outWidth()
                  || (g.w() - g.poolHeight()) % g.stride() != 0) {
                failing.add(MaxPool2dLayer.FORWARD_SHAPE);
              }
              return failing;
            }),
        poolMistake(
            "mistake-pool-dx-assigned",
            f -> someMaximumServesTwoWindows(f) ? parts(MaxPool2dLayer.DX) : none()),
        poolMistake(
            "mistake-pool-dout-spread",
            f ->
                pool(f).poolHeight() * pool(f).poolWidth() > 1 ? parts(MaxPool2dLayer.DX) : none()),
        poolMistake(
            "mistake-pool-dout-divided",
            f ->
                pool(f).poolHeight() * pool(f).poolWidth() > 1 ? parts(MaxPool2dLayer.DX) : none()),
        mistake(
            "mistake-stride-ignored",
            f -> ConvGeometry.of(f.setting()).stride() > 1 ? allParts() : none()),
        mistake(
            "mistake-padding-ignored",
            f -> ConvGeometry.of(f.setting()).pad() > 0 ? allParts() : none()),
        mistake(
            "mistake-stride-and-padding-ignored",
            f -> {
              ConvGeometry g = ConvGeometry.of(f.setting());
              if (g.stride() == 1 && g.pad() == 0) {
                return none();
              }
              Set<Part> failing = allParts();
              // (5 - 3 + 2*1)/2 + 1 = 3 = 5 - 3 + 1: the size is right, and so is db, the sum
              // of dout over every position; the other values are not.
              if (g.h() - g.hh() + 1 == g.outHeight() && g.w() - g.ww() + 1 == g.outWidth()) {
                failing.removeAll(parts(Conv2dLayer.FORWARD_SHAPE, Conv2dLayer.DB));
              }
              return failing;
            }),
        mistake(
            "mistake-flipped-kernel",
            f -> {
              Set<Part> failing = none();
              if (!isRotationSymmetric(f.input("w"), ConvGeometry.of(f.setting()))) {
                failing.addAll(parts(Conv2dLayer.FORWARD, Conv2dLayer.DX));
              }
              if (ConvGeometry.of(f.setting()).hh() * ConvGeometry.of(f.setting()).ww() > 1) {
                failing.add(Conv2dLayer.DW);
              }
              return failing;
            }),
        mistake(
            "mistake-first-channel-only",
            f ->
                ConvGeometry.of(f.setting()).c() > 1
                    ? parts(Conv2dLayer.FORWARD, Conv2dLayer.DX, Conv2dLayer.DW)
                    : none()),
        mistake(
            "mistake-bias-missing",
            f -> hasNonZero(f.input("b")) ? parts(Conv2dLayer.FORWARD) : none()),
        mistake(
            "mistake-db-not-summed",
            f -> ConvGeometry.of(f.setting()).n() > 1 ? parts(Conv2dLayer.DB) : none()),
        mistake(
            "mistake-dw-not-summed",
            f -> ConvGeometry.of(f.setting()).n() > 1 ? parts(Conv2dLayer.DW) : none()),
        mistake(
            "mistake-dx-overwritten",
            f ->
                someInputGetsSeveralContributions(ConvGeometry.of(f.setting()))
                    ? parts(Conv2dLayer.DX)
                    : none()),
        mistake(
            "mistake-padding-one-side",
            f ->
                ConvGeometry.of(f.setting()).pad() > 0
                    ? parts(Conv2dLayer.FORWARD, Conv2dLayer.DX, Conv2dLayer.DW)
                    : none()),
        mistake(
            "mistake-channels-not-summed",
            f -> ConvGeometry.of(f.setting()).c() > 1 ? parts(Conv2dLayer.FORWARD) : none()),
        mistake(
            "mistake-bias-per-channel",
            f ->
                ConvGeometry.of(f.setting()).c() > 1 && hasNonZero(f.input("b"))
                    ? parts(Conv2dLayer.FORWARD)
                    : none()),
        mistake(
            "mistake-height-width-swapped",
            f -> {
              if (ConvGeometry.of(f.setting()).outHeight()
                  != ConvGeometry.of(f.setting()).outWidth()) {
                return parts(Conv2dLayer.FORWARD_SHAPE, Conv2dLayer.FORWARD);
              }
              return isTransposeSymmetric(f.expected("out")) ? none() : parts(Conv2dLayer.FORWARD);
            }),
        mistake(
            "mistake-dx-transposed",
            f ->
                ConvGeometry.of(f.setting()).h() == ConvGeometry.of(f.setting()).w()
                        && isTransposeSymmetric(f.expected("dx"))
                    ? none()
                    : parts(Conv2dLayer.DX)),
        mistake(
            "mistake-dw-transposed",
            f ->
                ConvGeometry.of(f.setting()).hh() == ConvGeometry.of(f.setting()).ww()
                        && isTransposeSymmetric(f.expected("dw"))
                    ? none()
                    : parts(Conv2dLayer.DW)),
        mistake(
            "mistake-dx-flipped-kernel",
            f ->
                isRotationSymmetric(f.input("w"), ConvGeometry.of(f.setting()))
                    ? none()
                    : parts(Conv2dLayer.DX)),
        mistake(
            "mistake-dx-not-cropped",
            f -> ConvGeometry.of(f.setting()).pad() > 0 ? parts(Conv2dLayer.DX) : none()),
        mistake(
            "mistake-kernel-height-for-width",
            f -> {
              ConvGeometry g = ConvGeometry.of(f.setting());
              // Backward loops over the same wrong width: too few columns, or too many.
              return (g.w() - g.hh() + 2 * g.pad()) / g.stride() + 1 != g.outWidth()
                  ? allParts()
                  : none();
            }),
        mistake(
            "mistake-size-pad-once",
            f -> {
              ConvGeometry g = ConvGeometry.of(f.setting());
              return g.stride() == 1 && g.pad() == 0 ? none() : allParts();
            }),
        mistake(
            "mistake-dx-cropped-to-nothing",
            f -> ConvGeometry.of(f.setting()).pad() == 0 ? parts(Conv2dLayer.DX) : none()),
        mistake(
            "mistake-backward-zeros",
            f -> {
              Set<Part> failing = none();
              for (Part part : List.of(Conv2dLayer.DX, Conv2dLayer.DW, Conv2dLayer.DB)) {
                if (hasNonZero(f.expected(part.tensor()))) {
                  failing.add(part);
                }
              }
              return failing;
            }),
        poolMistake(
            "mistake-pool-fixed-2x2",
            f -> {
              PoolGeometry g = pool(f);
              if (g.poolHeight() == 2 && g.poolWidth() == 2 && g.stride() == 2) {
                return none();
              }
              if ((g.h() - 2) / 2 + 1 != g.outHeight() || (g.w() - 2) / 2 + 1 != g.outWidth()) {
                return allPartsOf(MaxPool2dLayer.LAYER);
              }
              Set<Part> failing = storedFor(f, MaxPool2dMistake.FIXED_2X2_STRIDE_2);
              failing.remove(MaxPool2dLayer.FORWARD_SHAPE);
              return failing;
            }),
        poolMistake(
            "mistake-pool-min-value",
            f ->
                someWindowHoldsNoPositiveValue(f)
                    ? parts(MaxPool2dLayer.FORWARD, MaxPool2dLayer.DX)
                    : none()),
        poolMistake("mistake-pool-backward-null", f -> parts(MaxPool2dLayer.DX)));
  }

  /** Whether a window's maximum is at most 0: a search from Double.MIN_VALUE finds nothing. */
  private static boolean someWindowHoldsNoPositiveValue(Fixture f) {
    for (double max : f.expected("out").data()) {
      if (max <= 0) {
        return true;
      }
    }
    return false;
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

  /** A Conv2d mistake: it breaks Conv2d's parts only, the example's MaxPool2d being right. */
  private static Arguments mistake(String example, Function<Fixture, Set<Part>> breaks) {
    return Arguments.of(
        example,
        (Function<Fixture, Set<Part>>)
            f -> f.layer().equals(Conv2dLayer.LAYER) ? breaks.apply(f) : none());
  }

  /** A MaxPool2d mistake: it breaks MaxPool2d's parts only, the example's Conv2d being right. */
  private static Arguments poolMistake(String example, Function<Fixture, Set<Part>> breaks) {
    return Arguments.of(
        example,
        (Function<Fixture, Set<Part>>)
            f -> f.layer().equals(MaxPool2dLayer.LAYER) ? breaks.apply(f) : none());
  }

  private static PoolGeometry pool(Fixture f) {
    return PoolGeometry.of(f.setting());
  }

  /** dx with each window's dout at its maximum, the windows {@code apart} steps apart. */
  private static double[] dxWithWindowsApart(Fixture f, int apart) {
    PoolGeometry g = pool(f);
    Tensor x = f.input("x");
    Tensor dout = f.input("dout");
    double[] dx = new double[x.size()];
    int o = 0;
    for (int n = 0; n < g.n(); n++) {
      for (int c = 0; c < g.c(); c++) {
        for (int i = 0; i < g.outHeight(); i++) {
          for (int j = 0; j < g.outWidth(); j++) {
            int best = -1;
            for (int p = 0; p < g.poolHeight(); p++) {
              for (int q = 0; q < g.poolWidth(); q++) {
                int at = ((n * g.c() + c) * g.h() + i * apart + p) * g.w() + j * apart + q;
                if (best < 0 || x.get(at) > x.get(best)) {
                  best = at;
                }
              }
            }
            dx[best] += dout.get(o++);
          }
        }
      }
    }
    return dx;
  }

  /** Whether some element is the maximum of more than one window: its dout must add up. */
  private static boolean someMaximumServesTwoWindows(Fixture f) {
    PoolGeometry g = pool(f);
    Tensor x = f.input("x");
    java.util.Map<Integer, Integer> hits = new java.util.HashMap<>();
    for (int n = 0; n < g.n(); n++) {
      for (int c = 0; c < g.c(); c++) {
        for (int i = 0; i < g.outHeight(); i++) {
          for (int j = 0; j < g.outWidth(); j++) {
            int best = -1;
            for (int p = 0; p < g.poolHeight(); p++) {
              for (int q = 0; q < g.poolWidth(); q++) {
                int at =
                    ((n * g.c() + c) * g.h() + i * g.stride() + p) * g.w() + j * g.stride() + q;
                if (best < 0 || x.get(at) > x.get(best)) {
                  best = at;
                }
              }
            }
            if (hits.merge(best, 1, Integer::sum) > 1) {
              return true;
            }
          }
        }
      }
    }
    return false;
  }

  private static Set<Part> allParts() {
    return parts(Conv2dLayer.LAYER.parts().toArray(Part[]::new));
  }

  private static Set<Part> allPartsOf(Layer layer) {
    return parts(layer.parts().toArray(Part[]::new));
  }

  /** The parts whose tensor the fixture stores a reference of {@code mistake} for. */
  private static Set<Part> storedFor(Fixture f, KnownMistake mistake) {
    Set<Part> stored = none();
    for (Part part : f.layer().parts()) {
      if (f.mistakeReference(mistake, part.tensor()).isPresent()) {
        stored.add(part);
      }
    }
    return stored;
  }

  /** A SpatialBatchNorm mistake: it breaks that layer's parts only. */
  private static Arguments batchNormMistake(String example, Function<Fixture, Set<Part>> breaks) {
    return Arguments.of(
        example,
        (Function<Fixture, Set<Part>>)
            f -> f.layer().equals(SpatialBatchNormLayer.LAYER) ? breaks.apply(f) : none());
  }

  /** A SpatialGroupNorm mistake: it breaks that layer's parts only. */
  private static Arguments normMistake(String example, Function<Fixture, Set<Part>> breaks) {
    return Arguments.of(
        example,
        (Function<Fixture, Set<Part>>)
            f -> f.layer().equals(SpatialGroupNormLayer.LAYER) ? breaks.apply(f) : none());
  }

  private static Set<Part> none() {
    return parts();
  }

  private static Set<Part> parts(Part... parts) {
    return new java.util.LinkedHashSet<>(List.of(parts));
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
