package org.cnngrader.reference;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.cnngrader.bounds.LayerBounds;
import org.cnngrader.compare.BoundedDifference;
import org.cnngrader.compare.ElementBounds;
import org.cnngrader.fixture.Fixture;
import org.cnngrader.fixture.FixtureFiles;
import org.cnngrader.fixture.FixtureJson;
import org.cnngrader.fixture.Visibility;
import org.cnngrader.layer.KnownMistake;
import org.cnngrader.layer.Layer;
import org.cnngrader.layers.Layers;
import org.cnngrader.layers.conv2d.Conv2dLayer;
import org.cnngrader.tensor.Shape;
import org.cnngrader.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Regenerating the repository's fixtures from its case list gives the same files: byte for byte in
 * everything but the reference values, which ND4J computes in an order that depends on the machine
 * (its BLAS kernel), and which must agree within their rounding bounds. On one machine, generating
 * twice gives byte-identical files.
 */
class FixtureGeneratorTest {

  private static Path fixturesRoot() {
    return Path.of(System.getProperty("grader.repository")).resolve("fixtures");
  }

  @Test
  void regeneratesTheRepositorysFixturesUpToTheRoundingOfTheirReferences() throws Exception {
    for (Layer layer : Layers.builtIn().all()) {
      regenerates(layer, CaseList.read(CaseList.file(fixturesRoot(), layer), layer));
    }
  }

  private static void regenerates(Layer layer, CaseList cases) throws Exception {
    int compared = 0;
    for (CaseSpec spec : cases.cases()) {
      Fixture regenerated = FixtureGenerator.generate(spec);
      Path file =
          FixtureFiles.folder(fixturesRoot(), layer, spec.visibility())
              .resolve(spec.name() + ".json");
      assertThat(file).as("committed fixture of case " + spec.name()).exists();
      Fixture committed = FixtureFiles.read(file, layer, spec.visibility());

      // Inputs, names, layout and field order: the committed file with its own reference values.
      Fixture withCommittedReferences =
          new Fixture(
              regenerated.layer(),
              regenerated.name(),
              regenerated.visibility(),
              regenerated.params(),
              regenerated.inputs(),
              committed.expected(),
              regenerated.points(),
              regenerated.tolerance(),
              regenerated.reference(),
              regenerated.description(),
              regenerated.seed(),
              Map.of(),
              committed.mistakes());
      assertThat(FixtureJson.write(withCommittedReferences))
          .as(file.toString())
          .isEqualTo(Files.readString(file));
      assertThat(regenerated.mistakes().keySet())
          .as(file + ": mistakes")
          .isEqualTo(committed.mistakes().keySet());

      // Reference values: within the rounding bound of each element.
      LayerBounds bounds = committed.layer().bounds(committed.params(), committed.inputs());
      for (String tensor : committed.expected().keySet()) {
        assertWithinBounds(
            file + ": expected." + tensor,
            committed.expected(tensor),
            regenerated.expected(tensor),
            bounds.of(tensor));
      }
      Map<KnownMistake, Map<String, Tensor>> mistakeBounds =
          LayerReferences.of(layer).mistakeBounds(committed.params(), committed.inputs());
      committed
          .mistakes()
          .forEach(
              (mistake, reference) ->
                  reference
                      .tensors()
                      .forEach(
                          (tensor, stored) -> {
                            assertThat(regenerated.mistakeReference(mistake, tensor))
                                .as(file + ": mistakes." + mistake.key() + "." + tensor)
                                .isPresent();
                            assertWithinBounds(
                                file + ": mistakes." + mistake.key() + "." + tensor,
                                stored,
                                regenerated.mistakeReference(mistake, tensor).get(),
                                ElementBounds.of(mistakeBounds.get(mistake).get(tensor)));
                          }));
      compared++;
    }
    assertThat(compared).isEqualTo(cases.cases().size());
    for (Visibility visibility : Visibility.values()) {
      assertThat(FixtureFiles.jsonFiles(FixtureFiles.folder(fixturesRoot(), layer, visibility)))
          .as("every committed fixture is a case of " + layer.id() + "/cases.json")
          .allSatisfy(
              file ->
                  assertThat(cases.cases())
                      .anySatisfy(
                          spec ->
                              assertThat(spec.name() + ".json")
                                  .isEqualTo(file.getFileName().toString())));
    }
  }

  private static void assertWithinBounds(
      String field, Tensor committed, Tensor regenerated, ElementBounds bounds) {
    BoundedDifference difference = BoundedDifference.of(committed, regenerated, bounds);
    assertThat(difference.agrees())
        .as(
            "%s%s: committed %s, regenerated %s, bound %s",
            field,
            Shape.format(difference.worstIndex()),
            difference.storedAtWorst(),
            difference.recomputedAtWorst(),
            difference.boundAtWorst())
        .isTrue();
  }

  @Test
  void generatingTwiceOnOneMachineGivesByteIdenticalFiles(@TempDir Path first, @TempDir Path second)
      throws Exception {
    for (Layer layer : Layers.builtIn().all()) {
      for (CaseSpec spec : CaseList.read(CaseList.file(fixturesRoot(), layer), layer).cases()) {
        Path a = FixtureFiles.write(first, FixtureGenerator.generate(spec));
        Path b = FixtureFiles.write(second, FixtureGenerator.generate(spec));

        assertThat(Files.mismatch(a, b)).as(spec.name()).isEqualTo(-1L);
      }
    }
  }

  @Test
  void refusesACaseWhoseStrideDoesNotFit(@TempDir Path folder) throws Exception {
    Path list = folder.resolve("cases.json");
    Files.writeString(
        list,
        "{\"cases\": [{\"name\": \"bad\", \"visibility\": \"public\", \"n\": 1, \"c\": 1, \"h\": 5, \"w\": 5,"
            + " \"f\": 1, \"hh\": 3, \"ww\": 3, \"stride\": 3, \"pad\": 0, \"seed\": 1}]}");

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> CaseList.read(list, Conv2dLayer.LAYER))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            list
                + ": cases[0]: case bad: (H - HH + 2*pad) = 2 and (W - WW + 2*pad) = 2 must be non-negative multiples of stride 3");
  }
}
