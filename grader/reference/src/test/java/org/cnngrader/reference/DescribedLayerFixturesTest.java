package org.cnngrader.reference;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Fixtures of a layer described by a file, which has no Java reference to recompute them. */
class DescribedLayerFixturesTest {

  private static final String LAYER =
      """
      {"id": "double_it", "class": "cnn.DoubleIt", "summary": "out = 2 x.", "params": [],
       "inputs": [{"key": "x", "type": "double", "dims": ["N"]}],
       "outputs": [{"key": "out", "type": "double", "dims": ["N"]}],
       "constructor": [],
       "steps": [{"key": "forward", "method": "forward", "args": [{"name": "x", "input": "x"}],
                  "returns": "out"}],
       "parts": [{"key": "forward", "label": "forward values", "points": 1, "tensor": "out"}],
       "tolerance": {"relative": 1e-9}}
      """;

  private static String fixture(int outSize) {
    return """
        {"name": "two", "layer": "double_it", "params": {},
         "inputs": {"x": {"shape": [2], "data": [1, 2]}},
         "expected": {"out": {"shape": [%d], "data": %s}},
         "mistakes": {},
         "reference": {"library": "pytorch", "version": "2.5.1"}}
        """
        .formatted(outSize, outSize == 2 ? "[2, 4]" : "[2, 4, 6]");
  }

  @TempDir Path root;

  private Path write(int outSize) throws Exception {
    Files.createDirectories(root.resolve("double_it/public"));
    Files.writeString(root.resolve("double_it/layer.json"), LAYER);
    Path file = root.resolve("double_it/public/two.json");
    Files.writeString(file, fixture(outSize));
    return file;
  }

  @Test
  void verifyChecksTheShapesByTheFilesFormulasAndSaysWhoChecksTheValues() throws Exception {
    Path file = write(2);

    List<FixtureVerifier.FileReport> reports = FixtureVerifier.verify(root);

    assertThat(reports).hasSize(1);
    assertThat(reports.get(0).agrees()).isTrue();
    assertThat(reports.get(0).notes())
        .containsExactly(
            file
                + ": double_it has no Java reference; its values are checked by the script that"
                + " wrote them (fixtures/tools/pytorch_fixtures.py LAYER_DIR --check)");
  }

  @Test
  void aShapeThatTheFormulasDoNotGiveIsAProblem() throws Exception {
    Path file = write(3);

    List<FixtureVerifier.FileReport> reports = FixtureVerifier.verify(root);

    assertThat(reports.get(0).problems())
        .containsExactly(file + ": expected.out: shape should be [2] for these inputs, found [3]");
  }

  @Test
  void completeLeavesADescribedLayersFixtureAsItIs() throws Exception {
    Path file = write(2);
    Files.writeString(file, fixture(2).replace("\"mistakes\": {},", ""));

    assertThat(FixtureCompleter.complete(root))
        .containsExactly(
            new FixtureCompleter.Refused(
                file,
                List.of(
                    file
                        + ": mistakes: double_it has no Java reference; its mistakes' references"
                        + " come from its PyTorch module (fixtures/tools/pytorch_fixtures.py)")));
  }

  /** double_it with a backward: dx = 2 dout, the gradient of the sum of out times dout. */
  private static final String LAYER_WITH_GRADIENT =
      """
      {"id": "double_it", "class": "cnn.DoubleIt", "summary": "out = 2 x.", "params": [],
       "inputs": [{"key": "x", "type": "double", "dims": ["N"]},
                  {"key": "dout", "type": "double", "dims": ["N"]}],
       "outputs": [{"key": "out", "type": "double", "dims": ["N"]},
                   {"key": "dx", "type": "double", "dims": ["N"]}],
       "constructor": [],
       "steps": [{"key": "forward", "method": "forward", "args": [{"name": "x", "input": "x"}],
                  "returns": "out"},
                 {"key": "backward", "method": "backward",
                  "args": [{"name": "dout", "input": "dout"}], "returns": "dx",
                  "after": ["forward"]}],
       "gradients": {"forward": "forward", "output": "out", "backward": "backward",
                     "upstream": "dout", "of": {"dx": "x"}},
       "parts": [{"key": "forward", "label": "forward values", "points": 1, "tensor": "out"},
                 {"key": "dx", "label": "backward dx", "points": 1, "tensor": "dx"}],
       "tolerance": {"relative": 1e-9},
       "gradient_check": {"params": {}, "sizes": {"N": 2}, "seed": 1}}
      """;

  private static final double[] X = {1, 2};

  /** The second is 0: a gradient that is exactly 0, where a difference quotient is 0 too. */
  private static final double[] DOUT = {0.5, 0};

  /** The case "two", storing {@code dx}. */
  private Path writeWithGradient(double[] dx) throws Exception {
    Files.createDirectories(root.resolve("double_it/public"));
    Files.writeString(root.resolve("double_it/layer.json"), LAYER_WITH_GRADIENT);
    Path file = root.resolve("double_it/public/two.json");
    Files.writeString(
        file,
        """
        {"name": "two", "layer": "double_it", "params": {},
         "inputs": {"x": {"shape": [2], "data": [%s, %s]},
                    "dout": {"shape": [2], "data": [%s, %s]}},
         "expected": {"out": {"shape": [2], "data": [%s, %s]},
                      "dx": {"shape": [2], "data": [%s, %s]}},
         "mistakes": {},
         "reference": {"library": "numpy", "version": "1.26.4"}}
        """
            .formatted(X[0], X[1], DOUT[0], DOUT[1], 2 * X[0], 2 * X[1], dx[0], dx[1]));
    return file;
  }

  /** The sum of out times dout, with x[index] moved by {@code by}. */
  private static double objective(int index, double by) {
    double sum = 0;
    for (int i = 0; i < X.length; i++) {
      sum += 2 * (X[i] + (i == index ? by : 0)) * DOUT[i];
    }
    return sum;
  }

  /** The probes file, with one probe of dx at each element of x, for the case {@code name}. */
  private void writeProbes(String name, double shift) throws Exception {
    double step = 1e-6;
    StringBuilder probes = new StringBuilder();
    for (int i = 0; i < X.length; i++) {
      probes.append(
          """
          %s{"gradient": "dx", "index": [%d], "step": %s, "plus": %s, "minus": %s}
          """
              .formatted(
                  i == 0 ? "" : ",",
                  i,
                  step,
                  objective(i, step) + shift,
                  objective(i, -step) + shift));
    }
    Files.writeString(
        root.resolve("double_it/" + GradientProbes.FILE),
        """
        {"layer": "double_it", "cases": {"%s": [%s]}}
        """
            .formatted(name, probes));
  }

  @Test
  void storedGradientsAgreeingWithTheForwardsCentredDifferencesVerify() throws Exception {
    Path file = writeWithGradient(new double[] {2 * DOUT[0], 2 * DOUT[1]});
    writeProbes("two", 0);

    List<FixtureVerifier.FileReport> reports = FixtureVerifier.verify(root);

    assertThat(reports.get(0).problems()).isEmpty();
    assertThat(reports.get(0).notes())
        .singleElement()
        .asString()
        .startsWith(file + ": double_it has no Java reference")
        .contains("its gradients agree with the centred differences of its forward at 2 elements");
  }

  @Test
  void aStoredGradientThatIsNotTheForwardsIsAProblemAtItsElement() throws Exception {
    // dx[0] as a hand-written backward that forgot the factor 2 would store it.
    Path file = writeWithGradient(new double[] {DOUT[0], 2 * DOUT[1]});
    writeProbes("two", 0);

    List<FixtureVerifier.FileReport> reports = FixtureVerifier.verify(root);

    assertThat(reports.get(0).problems())
        .singleElement()
        .asString()
        .startsWith(file + ": expected.dx[0]: stored " + DOUT[0] + ", but the forward's centred")
        .contains("(plus - minus) / (2 step), gradient-probes.json cases.two[0]")
        .endsWith(
            "dx is not the gradient of the sum of out times dout that this case's forward gives");
  }

  @Test
  void probesOfOtherInputsOrOfNoCaseAreProblems() throws Exception {
    writeWithGradient(new double[] {2 * DOUT[0], 2 * DOUT[1]});
    writeProbes("two", 5);

    assertThat(FixtureVerifier.verify(root).get(0).problems())
        .hasSize(2)
        .allSatisfy(p -> assertThat(p).contains("the probes are of other inputs"));

    writeProbes("another-case", 0);

    assertThat(FixtureVerifier.verify(root).get(0).problems())
        .containsExactly(
            root.resolve("double_it/" + GradientProbes.FILE)
                + ": cases.two: missing: the probes are older than this case; run"
                + " pytorch_fixtures.py on the layer's folder again");
  }

  @Test
  void withoutProbesTheGradientsAreNotCheckedAndTheNoteSaysSo() throws Exception {
    writeWithGradient(new double[] {2 * DOUT[0], DOUT[1]});

    List<FixtureVerifier.FileReport> reports = FixtureVerifier.verify(root);

    assertThat(reports.get(0).problems()).isEmpty();
    assertThat(reports.get(0).notes())
        .singleElement()
        .asString()
        .endsWith(
            "its gradients are not checked against its forward: "
                + root.resolve("double_it/" + GradientProbes.FILE)
                + ", which the script writes, is missing");
  }

  @Test
  void aProbeThatIsNotOfAGradientElementIsAProblemNamingItsField() throws Exception {
    writeWithGradient(new double[] {2 * DOUT[0], 2 * DOUT[1]});
    Files.writeString(
        root.resolve("double_it/" + GradientProbes.FILE),
        """
        {"cases": {"two": [
          {"gradient": "dw", "index": [0], "step": 1e-6, "plus": 1, "minus": 1},
          {"gradient": "dx", "index": [2], "step": 1e-6, "plus": 1, "minus": 1},
          {"gradient": "dx", "index": [0], "step": 0, "plus": 1, "minus": 1}]}}
        """);
    Path probes = root.resolve("double_it/" + GradientProbes.FILE);

    assertThat(FixtureVerifier.verify(root).get(0).problems())
        .containsExactly(
            probes + ": cases.two[2].step: must be above 0",
            probes
                + ": cases.two[0].gradient: \"dw\" is not a gradient of double_it (its gradients:"
                + " dx)",
            probes + ": cases.two[1].index: [2] is not an element of dx, whose shape is [2]");
  }
}
