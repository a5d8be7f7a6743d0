package org.cnngrader.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.cnngrader.TestRepository;
import org.cnngrader.compare.RelativeError;
import org.cnngrader.diagnosis.Diagnosis;
import org.cnngrader.diagnosis.UnfinishedBackward;
import org.cnngrader.fixture.Fixture;
import org.cnngrader.grading.PartResult;
import org.cnngrader.grading.Verdict;
import org.cnngrader.layer.KnownMistake;
import org.cnngrader.layer.Part;
import org.cnngrader.layers.conv2d.Conv2dLayer;
import org.cnngrader.layers.conv2d.Conv2dMistake;
import org.cnngrader.layers.conv2d.ConvGeometry;
import org.cnngrader.layers.conv2d.ConvParams;
import org.cnngrader.layers.maxpool2d.MaxPool2dLayer;
import org.cnngrader.layers.maxpool2d.MaxPool2dMistake;
import org.cnngrader.tensor.NestedArray;
import org.cnngrader.tensor.Shape;
import org.cnngrader.tensor.Tensor;
import org.junit.jupiter.api.Test;

class MistakeMessagesTest {

  private static Fixture fixture(String name) {
    return TestRepository.fixtures().fixtures().stream()
        .filter(f -> f.name().equals(name))
        .findFirst()
        .orElseThrow();
  }

  private static PartResult wrongShape(
      Fixture fixture, Part part, String tensor, Shape actual, KnownMistake mistake) {
    Shape expected = fixture.expected(tensor).shape();
    return new PartResult(
        fixture,
        part,
        new Verdict.WrongShape(
            tensor,
            expected,
            actual,
            fixture.setting(),
            new Diagnosis.ShapeExplained(mistake, tensor, actual, fixture.setting())));
  }

  /** The part's feedback when its tensor is exactly the mistake's stored reference. */
  private static String asTheMistakeComputes(
      Fixture fixture, Part part, String tensor, KnownMistake mistake) {
    Tensor expected = fixture.expected(tensor);
    Tensor actual = fixture.mistakeReference(mistake, tensor).orElseThrow();
    return FeedbackWriter.describe(
        new PartResult(
            fixture,
            part,
            new Verdict.WrongValues(
                tensor,
                RelativeError.compare(expected, actual, fixture.tolerance()),
                expected,
                actual,
                new Diagnosis.ValuesExplained(mistake, tensor, fixture.setting()))));
  }

  private static String lastLine(String text) {
    List<String> lines = text.lines().toList();
    return lines.get(lines.size() - 1);
  }

  @Test
  void anIgnoredStrideIsDerivedWithTheCasesNumbers() {
    PartResult part =
        wrongShape(
            fixture("lesson-5x5-s2-p1"),
            Conv2dLayer.FORWARD_SHAPE,
            "out",
            Shape.of(1, 1, 5, 5),
            Conv2dMistake.STRIDE_IGNORED);

    assertThat(FeedbackWriter.describe(part))
        .isEqualTo(
            """
            out should have shape [N, F, H', W'] = [1, 1, 3, 3], but was [1, 1, 5, 5]:
            - output height should be (H - HH + 2*pad)/stride + 1 = (5 - 3 + 2*1)/2 + 1 = 3, but was 5
            - output width should be (W - WW + 2*pad)/stride + 1 = (5 - 3 + 2*1)/2 + 1 = 3, but was 5
            Likely mistake: the stride was ignored: H' = 5 = H - HH + 2*pad + 1 = 5 - 3 + 2*1 + 1\
             and W' = 5 = W - WW + 2*pad + 1 = 5 - 3 + 2*1 + 1 are the sizes for stride 1; the\
             filter must move stride = 2 steps at a time: (H - HH + 2*pad)/stride + 1""");
  }

  @Test
  void ignoredPaddingIsDerivedForHeightAndWidthWithTheirOwnKernelSizes() {
    String text =
        FeedbackWriter.describe(
            wrongShape(
                fixture("nonsquare-kernel-s2"),
                Conv2dLayer.FORWARD_SHAPE,
                "out",
                Shape.of(2, 3, 3, 3),
                Conv2dMistake.PADDING_IGNORED));

    assertThat(lastLine(text))
        .isEqualTo(
            "Likely mistake: the padding was ignored: H' = 3 = (H - HH)/stride + 1 = (6 - 2)/2 + 1"
                + " and W' = 3 = (W - WW)/stride + 1 = (7 - 3)/2 + 1 are the sizes without padding;"
                + " pad = 1 adds 1 zero on each side, so the input grows by 2*pad = 2:"
                + " (H - HH + 2*pad)/stride + 1");
  }

  @Test
  void aSizeTheMistakeLeavesAloneIsNotDerived() {
    // H = HH = 3: whatever the stride, the filter fits once along the height.
    ConvGeometry g = new ConvGeometry(1, 1, 3, 7, 1, 3, 3, new ConvParams(2, 0));

    assertThat(
            FeedbackWriter.likelyMistakeLine(
                new Diagnosis.ShapeExplained(
                    Conv2dMistake.STRIDE_IGNORED, "out", Shape.of(1, 1, 1, 5), g.setting())))
        .isEqualTo(
            "Likely mistake: the stride was ignored: W' = 5 = W - WW + 1 = 7 - 3 + 1 is the size"
                + " for stride 1; the filter must move stride = 2 steps at a time:"
                + " (H - HH + 2*pad)/stride + 1");
  }

  @Test
  void aPaddedDxNamesTheRowsAndColumnsToDrop() {
    PartResult part =
        wrongShape(
            fixture("pad2"),
            Conv2dLayer.DX,
            "dx",
            Shape.of(1, 2, 9, 9),
            Conv2dMistake.PADDED_DX_NOT_CROPPED);

    assertThat(FeedbackWriter.describe(part))
        .isEqualTo(
            "dx should have shape [1, 2, 5, 5] (the shape of x), but was [1, 2, 9, 9]\n"
                + "Likely mistake: dx of the padded input was not cropped: dx has shape"
                + " [N, C, H + 2*pad, W + 2*pad] = [1, 2, 9, 9]; drop the pad = 2 rows and columns"
                + " on each side to get the gradient of x itself, [1, 2, 5, 5]");
  }

  @Test
  void channelsNotSummedByShapeCountFiltersTimesChannels() {
    String text =
        FeedbackWriter.describe(
            wrongShape(
                fixture("batch-3ch-4filters"),
                Conv2dLayer.FORWARD_SHAPE,
                "out",
                Shape.of(2, 12, 7, 7),
                Conv2dMistake.CHANNELS_NOT_SUMMED));

    assertThat(lastLine(text))
        .isEqualTo(
            "Likely mistake: the channels were not summed: out has F*C = 4*3 = 12 channels, one per"
                + " filter and input channel; a filter spans the full depth of the input, so its"
                + " products over all C = 3 channels add up to one output channel, F = 4 in all");
  }

  @Test
  void aBiasPerChannelComesAfterTheCaseLine() {
    String text =
        asTheMistakeComputes(
            fixture("batch-3ch-4filters"),
            Conv2dLayer.FORWARD,
            "out",
            Conv2dMistake.BIAS_PER_CHANNEL);

    assertThat(text)
        .startsWith("out is wrong: 392 of 392 elements differ")
        .endsWith(
            "\nThis case: x [2, 3, 7, 7], w [4, 3, 3, 3], b [4], stride 1, pad 1\n"
                + "Likely mistake: the bias was added once per input channel: out matches the sums"
                + " plus C*b[f] = 3*b[f]; add b[f] once to every out[n][f][i][j], outside the loop"
                + " over channels");
  }

  @Test
  void gradientsOfOneImageNameTheImageAndTheSumOverTheBatch() {
    Fixture fixture = fixture("batch-3ch-4filters");

    assertThat(
            lastLine(
                asTheMistakeComputes(
                    fixture, Conv2dLayer.DB, "db", Conv2dMistake.FIRST_IMAGE_ONLY)))
        .isEqualTo(
            "Likely mistake: db was not summed over the batch: it matches the gradient of image 0"
                + " alone; the same b serves all N = 2 images, so their gradients add up: db[f] ="
                + " the sum over n, i, j of dout[n][f][i][j]");
    assertThat(
            lastLine(
                asTheMistakeComputes(fixture, Conv2dLayer.DW, "dw", Conv2dMistake.LAST_IMAGE_ONLY)))
        .isEqualTo(
            "Likely mistake: dw was not summed over the batch: it matches the gradient of the last"
                + " image (image 1) alone, as when each image's gradient replaces the one before;"
                + " the same w serves all N = 2 images, so their gradients add up: dw[f][c][p][q] ="
                + " the sum over n, i, j of dout[n][f][i][j] * x[n][c][i*stride+p-pad][j*stride+q-pad]");
  }

  @Test
  void aFlippedKernelInBackwardNamesTheIndices() {
    assertThat(
            lastLine(
                asTheMistakeComputes(
                    fixture("lesson-5x5-s1-p0"),
                    Conv2dLayer.DX,
                    "dx",
                    Conv2dMistake.FLIPPED_KERNEL)))
        .isEqualTo(
            "Likely mistake: dx was computed with the kernel flipped: dx matches"
                + " w[f][c][HH-1-p][WW-1-q] used where w[f][c][p][q] belongs;"
                + " dx[n][c][i*stride+p-pad][j*stride+q-pad] gets dout[n][f][i][j] * w[f][c][p][q]");
  }

  @Test
  void paddingOnOneSideSaysWhereXBelongs() {
    assertThat(
            lastLine(
                asTheMistakeComputes(
                    fixture("pad2"), Conv2dLayer.FORWARD, "out", Conv2dMistake.PADDING_ONE_SIDE)))
        .isEqualTo(
            "Likely mistake: padding on one side only: out matches a layer that puts all 2*pad = 4"
                + " rows and columns of zeros below and to the right of x; pad = 2 goes on every"
                + " side, so x[n][c][0][0] belongs at [pad][pad] = [2][2] of the padded input");
  }

  @Test
  void theKernelsHeightUsedForItsWidthIsDerivedWithBothSizes() {
    PartResult part =
        wrongShape(
            fixture("nonsquare-kernel-s2-p0"),
            Conv2dLayer.FORWARD_SHAPE,
            "out",
            Shape.of(2, 2, 3, 3),
            Conv2dMistake.KERNEL_HEIGHT_FOR_WIDTH);

    assertThat(lastLine(FeedbackWriter.describe(part)))
        .isEqualTo(
            "Likely mistake: the kernel's height was used for its width: W' = 3 = (W - HH +"
                + " 2*pad)/stride + 1 = (8 - 3 + 2*0)/2 + 1; the kernel is WW = 2 wide: (W - WW +"
                + " 2*pad)/stride + 1 = (8 - 2 + 2*0)/2 + 1 = 4");
  }

  @Test
  void theSizeWithThePaddingOnceIsDerivedBesideTheLessonsFormula() {
    PartResult part =
        wrongShape(
            fixture("lesson-5x5-s2-p0"),
            Conv2dLayer.FORWARD_SHAPE,
            "out",
            Shape.of(1, 1, 1, 1),
            Conv2dMistake.SIZE_PAD_ONCE_PLUS_ONE_DIVIDED);

    assertThat(lastLine(FeedbackWriter.describe(part)))
        .isEqualTo(
            "Likely mistake: the output size was computed as (H - HH + pad + 1)/stride: H' = 1 ="
                + " (H - HH + pad + 1)/stride = (5 - 3 + 0 + 1)/2 and W' = 1 = (W - WW + pad +"
                + " 1)/stride = (5 - 3 + 0 + 1)/2 are the sizes it gives; the padding adds pad"
                + " zeros on each side, 2*pad in all, and the stride divides only the room the"
                + " filter moves in, the + 1 counting its first position: output height should be"
                + " (H - HH + 2*pad)/stride + 1 = (5 - 3 + 2*0)/2 + 1 = 2; output width should be"
                + " (W - WW + 2*pad)/stride + 1 = (5 - 3 + 2*0)/2 + 1 = 2");
  }

  @Test
  void anEmptyDxSaysWhyACropToMinusZeroKeepsNothing() {
    PartResult part =
        wrongShape(
            fixture("kernel-1x1"),
            Conv2dLayer.DX,
            "dx",
            Shape.of(3, 4, 0, 0),
            Conv2dMistake.DX_CROPPED_TO_NOTHING);

    assertThat(FeedbackWriter.describe(part))
        .isEqualTo(
            "dx should have shape [3, 4, 5, 5] (the shape of x), but was [3, 4, 0, 0]\n"
                + "Likely mistake: dx was cropped to nothing: it has shape [3, 4, 0, 0]; a crop"
                + " from row pad to row -pad (counted from the end, as NumPy's dx[:, :, pad:-pad]"
                + " reads) keeps no row at pad = 0, since -0 is 0; without padding the gradient of"
                + " the padded input is dx itself: keep its H = 5 rows and W = 5 columns, the"
                + " shape of x, [3, 4, 5, 5]");
  }

  @Test
  void aWindowFixedAt2x2NamesTheCasesOwnWindow() {
    assertThat(
            lastLine(
                asTheMistakeComputes(
                    fixture("overlap-3x3-s2"),
                    MaxPool2dLayer.FORWARD,
                    "out",
                    MaxPool2dMistake.FIXED_2X2_STRIDE_2)))
        .isEqualTo(
            "Likely mistake: the window was fixed at 2x2 with stride 2: out matches 2x2 windows"
                + " that move 2 steps at a time; this case's window is pool_height x pool_width ="
                + " 3 x 3 and moves stride = 2 steps at a time, as the constructor's arguments"
                + " say");
  }

  @Test
  void aMaximumStartedAtMinValueIsToldFromThe4point9eMinus324() {
    assertThat(
            lastLine(
                asTheMistakeComputes(
                    fixture("cs231n-check"),
                    MaxPool2dLayer.FORWARD,
                    "out",
                    MaxPool2dMistake.MAX_STARTS_AT_MIN_VALUE)))
        .isEqualTo(
            "Likely mistake: each maximum started at Double.MIN_VALUE: out matches 4.9e-324"
                + " wherever a window holds only negative values; Double.MIN_VALUE is the"
                + " smallest positive double, not the most negative one, so start each maximum at"
                + " Double.NEGATIVE_INFINITY or at the window's first element");
  }

  @Test
  void aNullGradientLooksUnfinished() {
    Fixture pool = fixture("cs231n-check");
    PartResult part =
        new PartResult(
            pool,
            MaxPool2dLayer.DX,
            new Verdict.Irregular(
                "dx",
                new NestedArray.NullAt("dx"),
                new Diagnosis.Unfinished(UnfinishedBackward.RETURNS_NULL, "dx", pool.setting())));

    assertThat(FeedbackWriter.describe(part))
        .isEqualTo(
            "dx is null\n"
                + "Likely mistake: backward looks unfinished: dx is null in every case; dx is the"
                + " gradient of the loss with respect to x, which backward computes from dout");
  }

  @Test
  void everyStoredMistakeOfEveryFixtureCanBeWorded() {
    int worded = 0;
    for (Fixture fixture : TestRepository.fixtures().fixtures()) {
      for (var entry : fixture.mistakes().entrySet()) {
        for (String tensor : entry.getValue().tensors().keySet()) {
          String line =
              FeedbackWriter.likelyMistakeLine(
                  new Diagnosis.ValuesExplained(entry.getKey(), tensor, fixture.setting()));
          assertThat(line).as(fixture.name() + " " + entry.getKey()).startsWith("Likely mistake: ");
          assertThat(line).doesNotContain("\n");
          worded++;
        }
      }
    }
    assertThat(worded).isGreaterThan(4 * 26);
  }
}
