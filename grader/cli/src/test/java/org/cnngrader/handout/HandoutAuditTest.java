package org.cnngrader.handout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.cnngrader.layers.Layers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The audit on handouts arranged to leak: each kind of secret, copied as it is or with other line
 * endings, is refused with the entry named; the template's own files are not secrets.
 */
class HandoutAuditTest {

  private static final Path REPOSITORY =
      Path.of(System.getProperty("grader.repository")).toAbsolutePath().normalize();
  private static final Path TEMPLATE = REPOSITORY.resolve("student-template/src");

  @TempDir(factory = TempDirInBuildFolder.class)
  Path temp;

  private Path root;
  private Path hiddenFixture;
  private Path caseList;
  private Path solution;
  private Secrets secrets;

  @BeforeEach
  void arrangeAFixturesRootWithEveryKindOfSecret() throws Exception {
    root = temp.resolve("fixtures");
    hiddenFixture = copy("conv2d/hidden/seven-s2-p1.json", "conv2d/hidden/seven-s2-p1.json");
    caseList = copy("conv2d/cases.json", "conv2d/cases.json");
    solution =
        copy(
            "submissions/correct-loops/cnn/Conv2d.java",
            "submissions/someone/src/main/java/cnn/Conv2d.java");
    Files.copy(
        TEMPLATE.resolve("main/java/cnn/Gradients.java"),
        root.resolve("submissions/someone/src/main/java/cnn/Gradients.java"));
    secrets =
        Secrets.in(List.of(root), List.of(bytes(TEMPLATE.resolve("main/java/cnn/Gradients.java"))));
  }

  @Test
  void theTemplateAloneLeaksNothingEvenWhereAnExampleCarriesTheSameRecord() throws Exception {
    Handout handout = new Handout(template(), secrets);

    assertThat(handout.leaks()).isEmpty();
    assertThat(handout.exampleSolutionFilesCompared()).isEqualTo(1);
    assertThat(handout.hiddenFixturesCompared()).isEqualTo(1);
  }

  @Test
  void anExampleSolutionWithOtherLineEndingsIsRefusedWithTheEntryNamed() throws Exception {
    List<HandoutEntry> entries = new ArrayList<>(template());
    entries.removeIf(e -> e.path().equals("src/main/java/cnn/Conv2d.java"));
    String crlf = Files.readString(solution).replace("\n", "\r\n");
    entries.add(
        new HandoutEntry("src/main/java/cnn/Conv2d.java", crlf.getBytes(StandardCharsets.UTF_8)));

    Handout handout = new Handout(entries, secrets);

    assertThat(handout.leaks())
        .containsExactly(
            "src/main/java/cnn/Conv2d.java: has the content of the example solution " + solution);
  }

  @Test
  void aDescribedLayersReferenceModuleIsRefusedAndItsLayerFileGoesOut() throws Exception {
    Path layer = root.resolve("double_it/layer.json");
    Files.createDirectories(layer.getParent());
    Files.writeString(
        layer,
        """
        {"id": "double_it", "class": "cnn.DoubleIt", "summary": "out = 2 x.",
         "inputs": [{"key": "x", "type": "double", "dims": ["N"]}],
         "outputs": [{"key": "out", "type": "double", "dims": ["N"]}],
         "steps": [{"key": "forward", "method": "forward", "args": [{"name": "x", "input": "x"}],
                    "returns": "out"}],
         "parts": [{"key": "forward", "label": "forward values", "points": 1, "tensor": "out"}],
         "tolerance": {"relative": 1e-9}}
        """);
    Path module = root.resolve("double_it/reference.py");
    Files.writeString(
        module, "def forward(inputs, params):\n    return {\"out\": 2 * inputs[\"x\"]}\n");
    Secrets withModule =
        Secrets.in(List.of(root), List.of(bytes(TEMPLATE.resolve("main/java/cnn/Gradients.java"))));
    List<HandoutEntry> entries = new ArrayList<>(template());
    entries.add(new HandoutEntry("fixtures/double_it/layer.json", bytes(layer)));
    entries.add(new HandoutEntry("notes/reference.py", bytes(module)));

    assertThat(new Handout(entries, withModule, Layers.in(root)).leaks())
        .containsExactly(
            "notes/reference.py: has the content of the layer's reference module " + module);
  }

  @Test
  void theCaseListIsRefusedWhereverItGoes() throws Exception {
    List<HandoutEntry> entries = new ArrayList<>(template());
    entries.add(new HandoutEntry("docs/cases.json", bytes(caseList)));

    assertThat(new Handout(entries, secrets).leaks())
        .containsExactly("docs/cases.json: has the content of the case list " + caseList);
  }

  @Test
  void aHiddenFixtureIsRefusedByItsContentAndItsFolderAndNothingIsWritten() throws Exception {
    List<HandoutEntry> entries = new ArrayList<>(template());
    entries.add(new HandoutEntry("fixtures/conv2d/public/seven-s2-p1.json", bytes(hiddenFixture)));
    entries.add(
        new HandoutEntry("notes/Hidden/todo.txt", "later".getBytes(StandardCharsets.UTF_8)));
    Handout handout = new Handout(entries, secrets);
    Path zip = temp.resolve("out/student.zip");

    assertThatThrownBy(() -> handout.writeZip(zip))
        .isInstanceOf(HandoutRefusedException.class)
        .hasMessage("refusing to write the handout: 2 entries give away what students must not see")
        .extracting(e -> ((HandoutRefusedException) e).reasons())
        .isEqualTo(
            List.of(
                "fixtures/conv2d/public/seven-s2-p1.json: has the content of the hidden fixture "
                    + hiddenFixture,
                "notes/Hidden/todo.txt: lies in a folder named 'Hidden', where only what students"
                    + " must not see is kept"));
    assertThat(zip.getParent()).doesNotExist();
  }

  @Test
  void aFileBelowFixturesThatIsNotAPublicFixtureIsRefused() throws Exception {
    List<HandoutEntry> entries = new ArrayList<>(template());
    entries.add(
        new HandoutEntry("fixtures/conv2d/policy.json", "{}".getBytes(StandardCharsets.UTF_8)));

    assertThat(new Handout(entries, secrets).leaks())
        .containsExactly(
            "fixtures/conv2d/policy.json: is not a public fixture; only fixtures/<layer>/public/*.json"
                + " and fixtures/assignment.json go to students");
  }

  @Test
  void twoFilesForOnePathAreTheGradersOwnFault() throws Exception {
    List<HandoutEntry> entries = new ArrayList<>(template());
    entries.add(new HandoutEntry("src/main/java/cnn/Conv2d.java", new byte[0]));

    assertThatThrownBy(() -> new Handout(entries, secrets))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("two handout files would be written to src/main/java/cnn/Conv2d.java");
  }

  private List<HandoutEntry> template() throws Exception {
    return List.of(
        new HandoutEntry(
            "src/main/java/cnn/Conv2d.java", bytes(TEMPLATE.resolve("main/java/cnn/Conv2d.java"))),
        new HandoutEntry(
            "src/main/java/cnn/Gradients.java",
            bytes(TEMPLATE.resolve("main/java/cnn/Gradients.java"))));
  }

  private Path copy(String from, String to) throws Exception {
    Path target = root.resolve(to);
    Files.createDirectories(target.getParent());
    return Files.copy(REPOSITORY.resolve("fixtures").resolve(from), target);
  }

  private static byte[] bytes(Path file) throws Exception {
    return Files.readAllBytes(file);
  }
}
