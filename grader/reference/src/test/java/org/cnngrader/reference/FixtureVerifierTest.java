package org.cnngrader.reference;

import static org.assertj.core.api.Assertions.as;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.cnngrader.bounds.LayerBounds;
import org.cnngrader.compare.BoundedDifference;
import org.cnngrader.compare.ElementBounds;
import org.cnngrader.fixture.Fixture;
import org.cnngrader.fixture.FixtureFiles;
import org.cnngrader.fixture.Visibility;
import org.cnngrader.layers.conv2d.Conv2dLayer;
import org.cnngrader.tensor.Shape;
import org.cnngrader.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FixtureVerifierTest {

  private static Path fixturesRoot() {
    return Path.of(System.getProperty("grader.repository")).resolve("fixtures");
  }

  @Test
  void everyRepositoryFixtureAgreesWithNd4jWithinItsRoundingBounds() {
    List<FixtureVerifier.FileReport> reports = FixtureVerifier.verify(fixturesRoot());

    assertThat(reports).hasSizeGreaterThanOrEqualTo(24);
    assertThat(reports).allSatisfy(r -> assertThat(r.problems()).as(r.file().toString()).isEmpty());
    // A described layer's files (a layer.json beside their folder) are PyTorch's, with no Java
    // reference to recompute them: each says so in a note; every other file verifies without one.
    for (FixtureVerifier.FileReport report : reports) {
      boolean described =
          Files.isRegularFile(report.file().getParent().getParent().resolve("layer.json"));
      if (described) {
        assertThat(report.notes())
            .as(report.file().toString())
            .singleElement(as(InstanceOfAssertFactories.STRING))
            .contains("has no Java reference");
      } else {
        assertThat(report.notes()).as(report.file().toString()).isEmpty();
      }
    }
    assertThat(reports)
        .filteredOn(r -> r.notes().isEmpty())
        .hasSizeGreaterThanOrEqualTo(24)
        .allSatisfy(r -> assertThat(r.maxRatio()).isBetween(0.0, 1.0));
  }

  /**
   * A tampered value must stand out whatever element it is: 1e-3 of any value of the repository's
   * fixtures is far beyond that element's rounding bound, even added to a recomputation that
   * differs by the whole bound; an element whose exact value is 0 has bound 0.
   */
  @Test
  void aTamperingOf1e3IsBeyondTheBoundOfEveryElementOfEveryFixture() {
    for (Fixture fixture : FixtureFiles.load(fixturesRoot()).fixtures()) {
      LayerBounds bounds = fixture.layer().bounds(fixture.params(), fixture.inputs());
      for (String name : fixture.expected().keySet()) {
        Tensor expected = fixture.expected(name);
        ElementBounds tensorBounds = bounds.of(name);
        for (int i = 0; i < expected.size(); i++) {
          double bound = tensorBounds.at(i);
          assertThat(
                  expected.get(i) == 0 ? bound == 0 : 1e-3 * Math.abs(expected.get(i)) > 2 * bound)
              .as("%s %s[%d]: value %s, bound %s", fixture.name(), name, i, expected.get(i), bound)
              .isTrue();
        }
      }
    }
  }

  /**
   * The hardest element of each tensor (largest bound for its size), tampered by 1e-3, is named.
   */
  @ParameterizedTest
  @ValueSource(strings = {"out", "dx", "dw", "db"})
  void namesA1e3TamperingOfTheElementWithTheLoosestBound(String tensor, @TempDir Path root)
      throws Exception {
    Fixture large = fixture(Visibility.PUBLIC, "large-4x16x32x32");
    ElementBounds bounds = large.layer().bounds(large.params(), large.inputs()).of(tensor);
    Tensor expected = large.expected(tensor);
    int loosest = 0;
    for (int i = 0; i < expected.size(); i++) {
      if (bounds.at(i) / Math.abs(expected.get(i))
          > bounds.at(loosest) / Math.abs(expected.get(loosest))) {
        loosest = i;
      }
    }
    int index = loosest;
    Path tampered =
        copyEdited(
            root,
            Visibility.PUBLIC,
            "large-4x16x32x32.json",
            fixture -> {
              ArrayNode data = (ArrayNode) fixture.get("expected").get(tensor).get("data");
              data.set(index, data.get(index).asDouble() * (1 + 1e-3));
            });

    List<FixtureVerifier.FileReport> reports = FixtureVerifier.verify(root);

    assertThat(reports.get(0).problems())
        .singleElement()
        .asString()
        .startsWith(
            tampered
                + ": expected."
                + tensor
                + Shape.format(expected.shape().unflatten(index))
                + ": stored ")
        .endsWith("; 1 of " + expected.size() + " elements outside their bounds)");
  }

  @Test
  void namesTheFileTensorIndexValuesDifferenceAndBoundOfA1e9Tampering(@TempDir Path root)
      throws Exception {
    // dw[0][0][1][1] of seven-s2-p1 sums 9 products: its bound is below 1e-14.
    Fixture seven = fixture(Visibility.HIDDEN, "seven-s2-p1");
    double stored = seven.expected("dw").get(4);
    double bound = seven.layer().bounds(seven.params(), seven.inputs()).of("dw").at(4);
    assertThat(bound).isLessThan(1e-14);
    Path tampered =
        copyEdited(
            root,
            Visibility.HIDDEN,
            "seven-s2-p1.json",
            fixture -> {
              ArrayNode dw = (ArrayNode) fixture.get("expected").get("dw").get("data");
              dw.set(4, stored * (1 + 1e-9));
            });

    List<FixtureVerifier.FileReport> reports = FixtureVerifier.verify(root);

    assertThat(reports).hasSize(1);
    assertThat(reports.get(0).problems())
        .singleElement()
        .asString()
        .startsWith(
            tampered + ": expected.dw[0][0][1][1]: stored " + stored * (1 + 1e-9) + ", ND4J gives ")
        .contains(
            String.format(Locale.ROOT, "is above the rounding bound %.3e of this element", bound))
        .endsWith("; 1 of 9 elements outside their bounds)");
  }

  @Test
  void wordsADifferenceBeyondItsBoundWithEveryNumber() {
    BoundedDifference d =
        new BoundedDifference(Shape.of(3, 3), 4.0e6, new int[] {1, 2}, 0.5, 0.5000000004, 1e-16, 2);

    assertThat(FixtureVerifier.outsideBound(Path.of("f.json"), "expected.out", d))
        .isEqualTo(
            "f.json: expected.out[1][2]: stored 0.5, ND4J gives 0.5000000004: the difference"
                + " 4.000e-10 is above the rounding bound 1.000e-16 of this element (4.00e+06 times"
                + " it; 2 of 9 elements outside their bounds)");
  }

  @Test
  void aFixtureWithoutMistakesVerifiesWithANoteOnHowToAddThem(@TempDir Path root) throws Exception {
    Path edited =
        copyEdited(
            root, Visibility.HIDDEN, "seven-s2-p1.json", fixture -> fixture.remove("mistakes"));

    List<FixtureVerifier.FileReport> reports = FixtureVerifier.verify(root);

    assertThat(reports.get(0).agrees()).isTrue();
    assertThat(reports.get(0).notes())
        .containsExactly(
            edited
                + ": stores no diagnosis references (no \"mistakes\"), so a wrong tensor in this"
                + " case gets no \"Likely mistake:\" line; grader fixtures complete "
                + root
                + " adds them");
  }

  @Test
  void reportsAnUnreadableFixtureAsAProblem(@TempDir Path root) throws Exception {
    Path folder = FixtureFiles.folder(root, Conv2dLayer.LAYER, Visibility.PUBLIC);
    Files.createDirectories(folder);
    Files.writeString(folder.resolve("broken.json"), "{}");

    List<FixtureVerifier.FileReport> reports = FixtureVerifier.verify(root);

    assertThat(reports.get(0).problems())
        .containsExactly(folder.resolve("broken.json") + ": layer: is missing");
  }

  @Test
  void reportsACaseNameUsedInBothFolders(@TempDir Path root) throws Exception {
    Path source =
        FixtureFiles.folder(fixturesRoot(), Conv2dLayer.LAYER, Visibility.PUBLIC)
            .resolve("kernel-1x1.json");
    for (Visibility visibility : Visibility.values()) {
      Files.createDirectories(FixtureFiles.folder(root, Conv2dLayer.LAYER, visibility));
      Files.copy(
          source,
          FixtureFiles.folder(root, Conv2dLayer.LAYER, visibility).resolve("kernel-1x1.json"));
    }

    List<FixtureVerifier.FileReport> reports = FixtureVerifier.verify(root);

    assertThat(reports.get(0).agrees()).isTrue();
    assertThat(reports.get(1).problems())
        .containsExactly(
            FixtureFiles.folder(root, Conv2dLayer.LAYER, Visibility.HIDDEN)
                    .resolve("kernel-1x1.json")
                + ": name: case conv2d/kernel-1x1 is already defined by "
                + FixtureFiles.folder(root, Conv2dLayer.LAYER, Visibility.PUBLIC)
                    .resolve("kernel-1x1.json"));
  }

  private static Fixture fixture(Visibility visibility, String name) {
    return FixtureFiles.read(
        FixtureFiles.folder(fixturesRoot(), Conv2dLayer.LAYER, visibility).resolve(name + ".json"),
        Conv2dLayer.LAYER,
        visibility);
  }

  private static Path copyEdited(Path root, String name, Consumer<ObjectNode> edit)
      throws Exception {
    return copyEdited(root, Visibility.HIDDEN, name, edit);
  }

  private static Path copyEdited(
      Path root, Visibility visibility, String name, Consumer<ObjectNode> edit) throws Exception {
    Path source = FixtureFiles.folder(fixturesRoot(), Conv2dLayer.LAYER, visibility).resolve(name);
    ObjectMapper mapper = new ObjectMapper();
    ObjectNode fixture = (ObjectNode) mapper.readTree(source.toFile());
    edit.accept(fixture);
    Path folder = FixtureFiles.folder(root, Conv2dLayer.LAYER, visibility);
    Files.createDirectories(folder);
    Path edited = folder.resolve(name);
    mapper.writeValue(edited.toFile(), fixture);
    return edited;
  }

  @Test
  void namesAMistakesTamperedValue(@TempDir Path root) throws Exception {
    Path tampered =
        copyEdited(
            root,
            "seven-s2-p1.json",
            fixture -> {
              ArrayNode out =
                  (ArrayNode)
                      fixture.get("mistakes").get("padding-one-side").get("out").get("data");
              out.set(0, out.get(0).asDouble() + 1);
            });

    List<FixtureVerifier.FileReport> reports = FixtureVerifier.verify(root);

    assertThat(reports.get(0).problems())
        .singleElement()
        .asString()
        .startsWith(tampered + ": mistakes.padding-one-side.out[0][0][0][0]: stored ");
  }

  @Test
  void namesAMissingMistakeAndOneThatDoesNotApply(@TempDir Path root) throws Exception {
    Path edited =
        copyEdited(
            root,
            "seven-s2-p1.json",
            fixture -> {
              ObjectNode mistakes = (ObjectNode) fixture.get("mistakes");
              mistakes.remove("bias-missing");
              // One channel only: a first-channel-only layer computes the right answer.
              mistakes
                  .putObject("first-channel-only")
                  .set("out", fixture.get("expected").get("out"));
            });

    List<FixtureVerifier.FileReport> reports = FixtureVerifier.verify(root);

    assertThat(reports.get(0).problems())
        .containsExactly(
            edited
                + ": mistakes.first-channel-only.out: stored, but ND4J's out for this mistake has"
                + " another shape, equals expected.out or holds more than 4096 values",
            edited
                + ": mistakes.bias-missing.out: missing; ND4J's out for this mistake differs from"
                + " expected.out (fixtures generate writes it)");
  }
}
