package org.cnngrader.grading;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.cnngrader.SubmissionFolder;
import org.cnngrader.TestRepository;
import org.cnngrader.TestSandbox;
import org.cnngrader.compile.SubmissionCompiler;
import org.cnngrader.execution.Limits;
import org.cnngrader.feedback.FeedbackWriter;
import org.cnngrader.fixture.FixtureSet;
import org.cnngrader.layer.Part;
import org.cnngrader.layers.conv2d.Conv2dLayer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Submissions that do not compile, break the contract, crash or hang: each loses only what it must,
 * with feedback that says why, and the grader carries on.
 */
class FaultySubmissionTest {

  @TempDir Path temp;

  private static final Set<String> CASES = Set.of("lesson-5x5-s2-p1", "batch-3ch-4filters");

  private static FixtureSet twoCases() {
    FixtureSet all = TestRepository.fixtures();
    return new FixtureSet(
        all.fixtures().stream().filter(f -> CASES.contains(f.name())).toList(), all.sha256());
  }

  private SubmissionResult grade(SubmissionFolder submission) throws Exception {
    return grade(submission, GradingOptions.DEFAULT);
  }

  private SubmissionResult grade(SubmissionFolder submission, GradingOptions options)
      throws Exception {
    return new SubmissionGrader(twoCases(), options, TestSandbox.strongest())
        .grade("student", submission.path());
  }

  private SubmissionFolder student() {
    return SubmissionFolder.in(temp.resolve("student"));
  }

  /** The correct example with one statement added at the start of forward. */
  private SubmissionFolder withFirstInForward(String statement) {
    return student()
        .withCorrectConv2d("cnn/Conv2d.java", "this.x = x;", "this.x = x;\n    " + statement);
  }

  private static List<String> feedback(SubmissionResult result, Part part) {
    return result.parts().stream()
        .filter(p -> p.part().equals(part))
        .map(FeedbackWriter::describe)
        .toList();
  }

  @Test
  void aBrokenBackwardStillEarnsTheForwardParts() throws Exception {
    SubmissionResult result =
        grade(
            student()
                .withCorrectConv2d(
                    "cnn/Conv2d.java",
                    "public Gradients backward(double[][][][] dout) {",
                    "public Gradients backward(double[][][][] dout) {\n    if (dout != null) throw new IllegalStateException(\"not done\");"));

    assertThat(result.parts())
        .allSatisfy(
            p ->
                assertThat(p.passed())
                    .as(p.name())
                    .isEqualTo(
                        Conv2dLayer.FORWARD_SHAPE.equals(p.part())
                            || Conv2dLayer.FORWARD.equals(p.part())));
    assertThat(feedback(result, Conv2dLayer.DX).get(0))
        .startsWith(
            "backward threw java.lang.IllegalStateException: not done\n    at cnn.Conv2d.backward(Conv2d.java:");
  }

  @Test
  void aWrongForwardSignatureScoresZeroForForwardWithTheExpectedSignature() throws Exception {
    SubmissionResult result =
        grade(
            student()
                .withCorrectConv2d(
                    "cnn/Conv2d.java",
                    "public double[][][][] forward(double[][][][] x, double[][][][] w, double[] b) {",
                    "public double[][][][] forward(double[][][][] x, double[][][][] w, float[] b) {"));

    assertThat(feedback(result, Conv2dLayer.FORWARD).get(0))
        .isEqualTo(
            "cnn.Conv2d has no method public double[][][][] forward(double[][][][] x, double[][][][] w, double[] b);"
                + " found: public double[][][][] forward(double[][][][], double[][][][], float[])");
    assertThat(result.score()).as("backward has no forward to follow").isZero();
  }

  @Test
  void aMissingClassScoresZeroAndSaysSo() throws Exception {
    SubmissionResult result =
        grade(student().withCorrectConv2d("cnn/Conv2D.java", "Conv2d", "Conv2D"));

    assertThat(result.score()).isZero();
    assertThat(feedback(result, Conv2dLayer.FORWARD_SHAPE).get(0))
        .isEqualTo(
            "cnn.Conv2d was not handed in: the submission must declare public class Conv2d in package cnn");
  }

  @Test
  void aCompileErrorScoresZeroWithTheCompilersMessage() throws Exception {
    SubmissionResult result =
        grade(student().withCorrectConv2d("cnn/Conv2d.java", "int ho = (h", "int ho = (hx"));

    assertThat(result.score()).isZero();
    assertThat(feedback(result, Conv2dLayer.DB).get(0))
        .startsWith("not graded: the submission does not compile:\ncnn/Conv2d.java:")
        .contains("error: cannot find symbol");
    assertThat(FeedbackWriter.summary(result))
        .contains("The submission does not compile:\ncnn/Conv2d.java:");
  }

  @Test
  void aFolderWithoutJavaFilesScoresZero() throws Exception {
    SubmissionResult result = grade(student().with("notes.txt", "I ran out of time"));

    assertThat(result.score()).isZero();
    assertThat(feedback(result, Conv2dLayer.FORWARD).get(0))
        .isEqualTo("not graded: no Java files found");
  }

  @Test
  void systemExitInForwardFailsThatCallAndTheOtherCasesAreStillGraded() throws Exception {
    SubmissionResult result = grade(withFirstInForward("if (x.length == 1) System.exit(3);"));

    assertThat(feedback(result, Conv2dLayer.FORWARD).get(1))
        .startsWith(
            "your code called System.exit(3) during forward, which ends the JVM that grades it;"
                + " throw an exception to report a problem instead\n    at cnn.Conv2d.forward(Conv2d.java:");
    assertThat(result.parts().stream().filter(p -> p.fixture().name().equals("batch-3ch-4filters")))
        .allSatisfy(p -> assertThat(p.passed()).as(p.name()).isTrue());
  }

  @Test
  void aForwardThatNeverReturnsIsStoppedAtTheTimeLimit() throws Exception {
    GradingOptions options =
        GradingOptions.DEFAULT.withLimits(Limits.DEFAULT.withCallTimeout(Duration.ofSeconds(2)));
    long start = System.nanoTime();

    SubmissionResult result =
        grade(withFirstInForward("while (x.length == 1) { Thread.onSpinWait(); }"), options);

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
    assertThat(feedback(result, Conv2dLayer.FORWARD).get(1))
        .isEqualTo("forward used 2 s of CPU time without returning and was stopped");
    assertThat(feedback(result, Conv2dLayer.DX).get(1))
        .isEqualTo(
            "backward was not run because forward used 2 s of CPU time without returning and was"
                + " stopped");
    assertThat(result.parts().stream().filter(p -> p.fixture().name().equals("batch-3ch-4filters")))
        .allSatisfy(p -> assertThat(p.passed()).as(p.name()).isTrue());
  }

  @Test
  void aForwardThatSleepsIsStoppedByTheClockAtThreeTimesItsCpuLimit() throws Exception {
    GradingOptions options =
        GradingOptions.DEFAULT.withLimits(Limits.DEFAULT.withCallTimeout(Duration.ofSeconds(1)));
    long start = System.nanoTime();

    SubmissionResult result =
        grade(
            withFirstInForward(
                "while (x.length == 1) { try { Thread.sleep(100); } catch (InterruptedException e)"
                    + " { return null; } }"),
            options);

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
    assertThat(feedback(result, Conv2dLayer.FORWARD).get(1))
        .startsWith("forward did not return within 3 s and was stopped; it used only ")
        .endsWith(" of CPU time, so it was waiting or sleeping");
    assertThat(result.parts().stream().filter(p -> p.fixture().name().equals("batch-3ch-4filters")))
        .allSatisfy(p -> assertThat(p.passed()).as(p.name()).isTrue());
  }

  @Test
  void raggedNullAndNanResultsAreExplained() throws Exception {
    SubmissionResult result =
        grade(
            student()
                .withCorrectConv2d(
                    "cnn/Conv2d.java",
                    "    return out;\n",
                    "    out[0][0][1] = new double[1];\n    return out;\n")
                .edit(
                    "cnn/Conv2d.java",
                    "return new Gradients(dx, dw, db);",
                    "db[0] = Double.NaN;\n    return new Gradients(null, dw, db);"));

    assertThat(feedback(result, Conv2dLayer.FORWARD_SHAPE).get(1))
        .isEqualTo(
            "out[0][0][1] has length 1, but out[0][0][0] has length 3: out must be a rectangular array");
    // Null in every case: backward looks unfinished.
    assertThat(feedback(result, Conv2dLayer.DX).get(0))
        .startsWith(
            "dx is null\nLikely mistake: backward looks unfinished: dx is null in every case; dx is"
                + " the gradient of the loss with respect to x, which backward computes from dout (explains");
    assertThat(feedback(result, Conv2dLayer.DB).get(0))
        .contains("NaN or infinite, which never passes");
  }

  @Test
  void anUnsupportedOperationFromDeeperDownIsABugNotAStub() throws Exception {
    SubmissionResult result = grade(withFirstInForward("java.util.List.of(1).add(2);"));

    assertThat(feedback(result, Conv2dLayer.FORWARD).get(0))
        .startsWith("forward threw java.lang.UnsupportedOperationException\n    at java.util.")
        .contains("at cnn.Conv2d.forward(Conv2d.java:");
  }

  @Test
  void backwardIsNotRunAfterAForwardThatThrew() throws Exception {
    SubmissionResult result =
        grade(withFirstInForward("if (x != null) throw new IllegalStateException(\"oops\");"));

    assertThat(feedback(result, Conv2dLayer.DW).get(0))
        .startsWith(
            "backward was not run because forward threw java.lang.IllegalStateException: oops\n"
                + "    at cnn.Conv2d.forward(Conv2d.java:");
  }

  @Test
  void aResultBeyondTheTransferLimitIsNamedAsSuch() throws Exception {
    SubmissionResult result =
        grade(
            student()
                .withCorrectConv2d(
                    "cnn/Conv2d.java",
                    "    return out;\n",
                    "    if (x.length == 1) return new double[1][1][17 * 1024][1024];\n    return out;\n"));

    assertThat(feedback(result, Conv2dLayer.FORWARD_SHAPE).get(1))
        .isEqualTo(
            "forward returned more than 16777216 values, far more than any case needs;"
                + " the grader stopped reading them");
    assertThat(result.parts().stream().filter(p -> p.fixture().name().equals("batch-3ch-4filters")))
        .allSatisfy(p -> assertThat(p.passed()).as(p.name()).isTrue());
  }

  @Test
  void aSignatureThatNamesAClassTheChildLacksIsReportedNotACrash() throws Exception {
    // As with a library the submission compiled against: the class is gone when the child loads
    // Conv2d.
    Path sources =
        student()
            .withCorrectConv2d(
                "cnn/Conv2d.java",
                "public class Conv2d {",
                "public class Conv2d {\n  private Helper helper() { return null; }")
            .with("cnn/Helper.java", "package cnn;\nclass Helper {}\n")
            .path();
    new SubmissionCompiler(List.of(Conv2dLayer.LAYER.contract()), Duration.ofSeconds(60))
        .compile(sources, temp.resolve("work"));
    Files.delete(temp.resolve("work/classes/cnn/Helper.class"));

    SubmissionResult result =
        new SubmissionGrader(twoCases(), GradingOptions.DEFAULT, TestSandbox.strongest())
            .gradeCompiled("student", temp.resolve("work/classes"));

    assertThat(result.score()).isZero();
    assertThat(feedback(result, Conv2dLayer.FORWARD_SHAPE).get(0))
        .startsWith(
            "class cnn.Conv2d could not be inspected: java.lang.NoClassDefFoundError: cnn/Helper");
  }

  @Test
  void aSubmissionCannotReplaceTheRunnersClasses() throws Exception {
    SubmissionResult result =
        grade(
            student()
                .withCorrectConv2d("cnn/Conv2d.java", "", "")
                .with(
                    "org/cnngrader/runner/ChildMain.java",
                    """
                    package org.cnngrader.runner;
                    public final class ChildMain {
                      public static void main(String[] args) { System.exit(0); }
                    }
                    """));

    assertThat(result.score()).isEqualTo(result.maxScore());
  }

  @Test
  void theUntouchedTemplateScoresZeroWithNotImplementedFeedback() throws Exception {
    SubmissionResult result =
        new SubmissionGrader(twoCases(), GradingOptions.DEFAULT, TestSandbox.strongest())
            .grade("template", TestRepository.root().resolve("student-template"));

    assertThat(result.score()).isZero();
    assertThat(result.parts())
        .allSatisfy(p -> assertThat(FeedbackWriter.describe(p)).contains("is not implemented yet"));
  }

  @Test
  void aConstructorThatThrowsIsNamedWithTheCasesArguments() throws Exception {
    SubmissionResult result =
        grade(
            student()
                .withCorrectConv2d(
                    "cnn/Conv2d.java",
                    "this.stride = stride;",
                    "if (stride > 1) throw new IllegalArgumentException(\"stride \" + stride);\n    this.stride = stride;"));

    assertThat(feedback(result, Conv2dLayer.FORWARD).get(1))
        .startsWith(
            "new Conv2d(2, 1) threw java.lang.IllegalArgumentException: stride 2\n    at cnn.Conv2d.<init>(Conv2d.java:");
  }
}
