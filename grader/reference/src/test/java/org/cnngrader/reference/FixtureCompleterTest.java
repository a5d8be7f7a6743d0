package org.cnngrader.reference;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.cnngrader.fixture.Fixture;
import org.cnngrader.fixture.FixtureFiles;
import org.cnngrader.fixture.Visibility;
import org.cnngrader.layers.conv2d.Conv2dLayer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Fixtures made by other tools get ND4J's mistake references, and keep everything else. */
class FixtureCompleterTest {

  private static final Path PYTORCH =
      Path.of(System.getProperty("grader.repository"))
          .resolve("fixtures/pytorch/conv2d/public/cs231n-conv-naive.json");

  private static Path copyOfThePyTorchFixture(Path root) throws Exception {
    Path folder =
        Files.createDirectories(FixtureFiles.folder(root, Conv2dLayer.LAYER, Visibility.PUBLIC));
    return Files.copy(PYTORCH, folder.resolve(PYTORCH.getFileName()));
  }

  @Test
  void addsTheMistakesOfAPyTorchFixtureAndKeepsItsInputsAndExpectedValues(@TempDir Path root)
      throws Exception {
    Path file = copyOfThePyTorchFixture(root);
    Fixture before = FixtureFiles.read(file, Conv2dLayer.LAYER, Visibility.PUBLIC);

    List<FixtureCompleter.Outcome> outcomes = FixtureCompleter.complete(root);

    Fixture after = FixtureFiles.read(file, Conv2dLayer.LAYER, Visibility.PUBLIC);
    assertThat(before.storesMistakes()).isFalse();
    assertThat(outcomes)
        .singleElement()
        .isEqualTo(new FixtureCompleter.Completed(file, after.mistakes().size()));
    assertThat(after.storesMistakes()).isTrue();
    assertThat(after.mistakes()).isNotEmpty();
    assertThat(after.inputs()).isEqualTo(before.inputs());
    assertThat(after.expected()).isEqualTo(before.expected());
    assertThat(after.reference()).isEqualTo(before.reference());
    assertThat(after.description()).isEqualTo(before.description());
    assertThat(FixtureVerifier.verify(root))
        .singleElement()
        .satisfies(r -> assertThat(r.problems()).isEmpty())
        .satisfies(r -> assertThat(r.notes()).isEmpty());
  }

  @Test
  void leavesAFixtureThatStoresMistakesAsItIs(@TempDir Path root) throws Exception {
    Path file = copyOfThePyTorchFixture(root);
    FixtureCompleter.complete(root);
    byte[] completed = Files.readAllBytes(file);

    List<FixtureCompleter.Outcome> again = FixtureCompleter.complete(root);

    assertThat(again).containsExactly(new FixtureCompleter.AlreadyComplete(file));
    assertThat(Files.readAllBytes(file)).isEqualTo(completed);
  }

  @Test
  void refusesAFixtureWhoseExpectedValuesNd4jDoesNotReproduceAndCompletesTheOthers(
      @TempDir Path root) throws Exception {
    Path good = copyOfThePyTorchFixture(root);
    Path folder = FixtureFiles.folder(root, Conv2dLayer.LAYER, Visibility.PUBLIC);
    ObjectMapper mapper = new ObjectMapper();
    ObjectNode fixture = (ObjectNode) mapper.readTree(good.toFile());
    fixture.put("name", "wrong-bias");
    ArrayNode db = (ArrayNode) fixture.get("expected").get("db").get("data");
    db.set(0, db.get(0).asDouble() * 1.9);
    Path wrong = folder.resolve("wrong-bias.json");
    mapper.writeValue(wrong.toFile(), fixture);
    byte[] before = Files.readAllBytes(wrong);

    List<FixtureCompleter.Outcome> outcomes = FixtureCompleter.complete(root);

    assertThat(outcomes).hasSize(2);
    assertThat(outcomes.get(0)).isInstanceOf(FixtureCompleter.Completed.class);
    assertThat(outcomes.get(1))
        .isInstanceOfSatisfying(
            FixtureCompleter.Refused.class,
            refused ->
                assertThat(refused.problems())
                    .singleElement()
                    .asString()
                    .startsWith(wrong + ": expected.db[0]: stored "));
    assertThat(Files.readAllBytes(wrong)).isEqualTo(before);
  }

  @Test
  void refusesAnUnreadableFixtureNamingItsField(@TempDir Path root) throws Exception {
    Path folder =
        Files.createDirectories(FixtureFiles.folder(root, Conv2dLayer.LAYER, Visibility.HIDDEN));
    Files.writeString(folder.resolve("broken.json"), "{\"name\": \"broken\"}");

    assertThat(FixtureCompleter.complete(root))
        .containsExactly(
            new FixtureCompleter.Refused(
                folder.resolve("broken.json"),
                List.of(folder.resolve("broken.json") + ": layer: is missing")));
  }
}
