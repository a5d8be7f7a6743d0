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
}
