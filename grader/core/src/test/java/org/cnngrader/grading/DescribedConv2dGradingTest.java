package org.cnngrader.grading;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.cnngrader.TestRepository;
import org.cnngrader.TestSandbox;
import org.cnngrader.fixture.Assignment;
import org.cnngrader.fixture.FixtureFiles;
import org.cnngrader.fixture.FixtureSet;
import org.cnngrader.fixture.Visibility;
import org.cnngrader.layers.conv2d.Conv2dLayer;
import org.cnngrader.layers.described.FileLayer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One path, proven: the described copy of Conv2d in fixtures/described (its layer.json written by
 * {@code grader layers describe conv2d}, its references from PyTorch on the very inputs of the
 * built-in's fixtures) gives every example submission the conv2d points that the built-in layer,
 * with its ND4J references and rounding bounds, gives it: case by case and part by part.
 */
class DescribedConv2dGradingTest {

  private static FixtureSet builtIn;
  private static FixtureSet described;

  private static FixtureSet conv2dOf(Path root) {
    Assignment conv2d = Assignment.of(root).only(List.of(Conv2dLayer.LAYER.id()));
    return FixtureFiles.load(root, conv2d, Visibility.values());
  }

  @BeforeAll
  static void loadBothConv2ds() {
    builtIn = conv2dOf(TestRepository.fixturesRoot());
    described = conv2dOf(TestRepository.fixturesRoot().resolve("described"));
  }

  static Stream<String> examples() throws IOException {
    try (Stream<Path> folders = Files.list(TestRepository.fixturesRoot().resolve("submissions"))) {
      return folders
          .filter(Files::isDirectory)
          .map(p -> p.getFileName().toString())
          .sorted()
          .toList()
          .stream();
    }
  }

  private static SubmissionResult grade(FixtureSet fixtures, String example) throws Exception {
    return new SubmissionGrader(fixtures, GradingOptions.DEFAULT, TestSandbox.strongest())
        .grade(example, TestRepository.example(example));
  }

  /** "lesson-5x5-s1-p0 forward_shape" to its points. */
  private static Map<String, Double> pointsByPart(SubmissionResult result) {
    Map<String, Double> points = new TreeMap<>();
    for (PartResult part : result.parts()) {
      points.put(part.fixture().name() + " " + part.part().key(), part.score());
    }
    return points;
  }

  @ParameterizedTest
  @MethodSource("examples")
  void theDescribedCopyGivesEveryPartTheBuiltInsPoints(String example) throws Exception {
    assertThat(described.layers()).singleElement().isInstanceOf(FileLayer.class);
    assertThat(described.fixtures()).hasSameSizeAs(builtIn.fixtures());

    SubmissionResult fromBuiltIn = grade(builtIn, example);
    SubmissionResult fromDescribed = grade(described, example);

    assertThat(fromDescribed.parts())
        .hasSize(described.fixtures().size() * Conv2dLayer.LAYER.parts().size());
    assertThat(pointsByPart(fromDescribed)).isEqualTo(pointsByPart(fromBuiltIn));
    assertThat(fromDescribed.score()).isEqualTo(fromBuiltIn.score());
    assertThat(fromDescribed.maxScore()).isEqualTo(fromBuiltIn.maxScore());
  }
}
