package org.cnngrader.reference;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.cnngrader.fixture.FixtureFiles;
import org.cnngrader.fixture.Visibility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FixtureVerifierTest {

  private static Path fixturesRoot() {
    return Path.of(System.getProperty("grader.repository")).resolve("fixtures");
  }

  @Test
  void everyRepositoryFixtureAgreesWithNd4j() {
    List<FixtureVerifier.FileReport> reports = FixtureVerifier.verify(fixturesRoot());

    assertThat(reports).hasSizeGreaterThanOrEqualTo(24);
    assertThat(reports).allSatisfy(r -> assertThat(r.problems()).as(r.file().toString()).isEmpty());
  }

  @Test
  void namesTheFileTensorAndIndexOfATamperedValue(@TempDir Path root) throws Exception {
    Path source =
        FixtureFiles.folder(fixturesRoot(), Visibility.HIDDEN).resolve("seven-s2-p1.json");
    ObjectMapper mapper = new ObjectMapper();
    ObjectNode fixture = (ObjectNode) mapper.readTree(source.toFile());
    ArrayNode dw = (ArrayNode) fixture.get("expected").get("dw").get("data");
    double stored = dw.get(4).asDouble();
    dw.set(4, stored * (1 + 1e-9));
    Path folder = FixtureFiles.folder(root, Visibility.HIDDEN);
    Files.createDirectories(folder);
    Path tampered = folder.resolve("seven-s2-p1.json");
    mapper.writeValue(tampered.toFile(), fixture);

    List<FixtureVerifier.FileReport> reports = FixtureVerifier.verify(root);

    assertThat(reports).hasSize(1);
    assertThat(reports.get(0).problems())
        .singleElement()
        .asString()
        .startsWith(
            tampered
                + ": expected.dw[0][0][1][1]: stored "
                + stored * (1 + 1e-9)
                + ", ND4J gives "
                + stored)
        .endsWith("> 1e-12; 1 of 9 elements disagree)");
  }

  @Test
  void reportsAnUnreadableFixtureAsAProblem(@TempDir Path root) throws Exception {
    Path folder = FixtureFiles.folder(root, Visibility.PUBLIC);
    Files.createDirectories(folder);
    Files.writeString(folder.resolve("broken.json"), "{}");

    List<FixtureVerifier.FileReport> reports = FixtureVerifier.verify(root);

    assertThat(reports.get(0).problems())
        .containsExactly(folder.resolve("broken.json") + ": layer: is missing");
  }

  @Test
  void reportsACaseNameUsedInBothFolders(@TempDir Path root) throws Exception {
    Path source = FixtureFiles.folder(fixturesRoot(), Visibility.PUBLIC).resolve("kernel-1x1.json");
    for (Visibility visibility : Visibility.values()) {
      Files.createDirectories(FixtureFiles.folder(root, visibility));
      Files.copy(source, FixtureFiles.folder(root, visibility).resolve("kernel-1x1.json"));
    }

    List<FixtureVerifier.FileReport> reports = FixtureVerifier.verify(root);

    assertThat(reports.get(0).agrees()).isTrue();
    assertThat(reports.get(1).problems())
        .containsExactly(
            FixtureFiles.folder(root, Visibility.HIDDEN).resolve("kernel-1x1.json")
                + ": name: case kernel-1x1 is already defined by "
                + FixtureFiles.folder(root, Visibility.PUBLIC).resolve("kernel-1x1.json"));
  }

  private static Path copyEdited(
      Path root, String name, java.util.function.Consumer<ObjectNode> edit) throws Exception {
    Path source = FixtureFiles.folder(fixturesRoot(), Visibility.HIDDEN).resolve(name);
    ObjectMapper mapper = new ObjectMapper();
    ObjectNode fixture = (ObjectNode) mapper.readTree(source.toFile());
    edit.accept(fixture);
    Path folder = FixtureFiles.folder(root, Visibility.HIDDEN);
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
