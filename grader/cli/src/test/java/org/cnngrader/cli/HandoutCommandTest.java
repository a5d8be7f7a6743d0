package org.cnngrader.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import javax.xml.parsers.DocumentBuilderFactory;
import org.cnngrader.AssignmentTotals;
import org.cnngrader.fixture.Assignment;
import org.cnngrader.fixture.Fixture;
import org.cnngrader.fixture.FixtureFiles;
import org.cnngrader.fixture.FixtureJson;
import org.cnngrader.fixture.Visibility;
import org.cnngrader.handout.TempDirInBuildFolder;
import org.cnngrader.layer.Layer;
import org.cnngrader.layers.Layers;
import org.cnngrader.layers.conv2d.Conv2dLayer;
import org.cnngrader.report.GraderBuild;
import org.cnngrader.template.JavaSource;
import org.cnngrader.template.StudentTemplate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * {@code grader handout}: what the zip holds, what it must never hold, the refusals, and the same
 * bytes every time.
 */
class HandoutCommandTest {

  private static final AssignmentTotals TOTALS = AssignmentTotals.repository();

  /**
   * The files of the example submissions (fixtures/submissions and the other examples' folders,
   * such as fixtures/notebook-submissions) that the audit compares a handout with: each content
   * once, less the template's own. A property of the examples rather than of the assignment.
   */
  static int exampleSolutionFiles() throws IOException {
    List<byte[]> template = contentsBelow(HOME.resolve("student-template/src"));
    Set<String> contents = new HashSet<>();
    for (Path example : exampleFiles()) {
      byte[] bytes = Files.readAllBytes(example);
      if (template.stream().noneMatch(t -> Arrays.equals(t, bytes))) {
        contents.add(new String(bytes, StandardCharsets.UTF_8));
      }
    }
    return contents.size();
  }

  /** Every file below the fixtures root's folders of example submissions. */
  static List<Path> exampleFiles() throws IOException {
    List<Path> files = new ArrayList<>();
    try (Stream<Path> folders = Files.list(FIXTURES)) {
      for (Path folder : folders.sorted().toList()) {
        String name = folder.getFileName().toString();
        if (Files.isDirectory(folder)
            && (name.equals("submissions") || name.endsWith("-submissions"))) {
          files.addAll(filesBelow(folder));
        }
      }
    }
    return files;
  }

  /** The hidden fixture files of every layer of the root: the audit guards them all. */
  static int hiddenFixtureFiles() throws IOException {
    int count = 0;
    for (Layer layer : Layers.in(FIXTURES).all()) {
      count +=
          FixtureFiles.jsonFiles(FixtureFiles.folder(FIXTURES, layer, Visibility.HIDDEN)).size();
    }
    return count;
  }

  @TempDir(factory = TempDirInBuildFolder.class)
  Path temp;

  private final CommandLineRun cli = new CommandLineRun();

  private static final Path HOME = CommandLineRun.home();
  private static final Path FIXTURES = HOME.resolve("fixtures");

  @Test
  void writesThePomAtTheRootTheTemplateTheReadmeAndThePublicFixtures() throws Exception {
    Path zip = temp.resolve("student.zip");

    int code = cli.run("handout", "--out", zip.toString());

    assertThat(code).as(cli.stderr()).isZero();
    assertThat(cli.stderr()).isEmpty();
    Map<String, byte[]> entries = entries(zip);
    assertThat(cli.stdout())
        .isEqualTo(
            "Wrote "
                + zip
                + ": "
                + entries.size()
                + " files in a folder student/, "
                + TOTALS.only(Visibility.PUBLIC).cases()
                + " of them public fixtures.\n"
                + "Checked: no file in it is, or holds the inputs of, one of the "
                + hiddenFixtureFiles()
                + " hidden fixtures,"
                + " and none is a case list or one of the "
                + exampleSolutionFiles()
                + " files of example solutions.\n");
    assertThat(entries)
        .containsKeys(
            "pom.xml",
            "README.md",
            "src/main/java/cnn/Conv2d.java",
            "src/main/java/cnn/MaxPool2d.java",
            "src/main/java/cnn/SpatialGroupNorm.java",
            "src/main/java/cnn/SpatialBatchNorm.java",
            "src/main/java/cnn/NormGradients.java",
            "src/main/java/cnn/Gradients.java",
            "fixtures/assignment.json",
            "src/test/java/cnn/PreSubmitCheckTest.java");
    assertThat(entries.get("src/main/java/cnn/Conv2d.java"))
        .isEqualTo(
            Files.readAllBytes(HOME.resolve("student-template/src/main/java/cnn/Conv2d.java")));
    Map<String, byte[]> fixtures = new LinkedHashMap<>();
    entries.forEach(
        (path, bytes) -> {
          if (path.startsWith("fixtures/") && !path.equals("fixtures/assignment.json")) {
            fixtures.put(path, bytes);
          }
        });
    int publicFixtures = 0;
    // The assignment's layers' public fixtures, and no other layer's.
    for (Assignment.Entry entry : Assignment.of(FIXTURES).layers()) {
      Layer layer = entry.layer();
      for (Path file :
          FixtureFiles.jsonFiles(FixtureFiles.folder(FIXTURES, layer, Visibility.PUBLIC))) {
        assertThat(fixtures.get("fixtures/" + layer.id() + "/public/" + file.getFileName()))
            .as(file.toString())
            .isEqualTo(Files.readAllBytes(file));
        publicFixtures++;
      }
    }
    assertThat(publicFixtures).isEqualTo(TOTALS.only(Visibility.PUBLIC).cases());
    assertThat(fixtures).hasSize(publicFixtures);
    assertThat(fixtures).hasSize(publicFixtures);
    assertThat(new String(entries.get("README.md"), StandardCharsets.UTF_8))
        .contains("mvn test", "hidden cases")
        .doesNotContain("{{");
    for (Assignment.Entry entry : Assignment.of(FIXTURES).layers()) {
      String className = entry.layer().contract().className();
      assertThat(new String(entries.get("README.md"), StandardCharsets.UTF_8))
          .contains(
              "`" + className + "`", "`src/main/java/" + className.replace('.', '/') + ".java`");
    }
  }

  @Test
  void aDescribedLayerOfTheAssignmentComesWithItsClassesWrittenFromItsDescription()
      throws Exception {
    Path root = temp.resolve("course");
    copyTree(FIXTURES.resolve("affine"), root.resolve("affine"));
    Files.writeString(
        root.resolve("assignment.json"), "{\"layers\": [{\"id\": \"affine\", \"weight\": 1}]}");
    Path zip = temp.resolve("student.zip");

    assertThat(cli.run("handout", "--fixtures", root.toString(), "--out", zip.toString()))
        .as(cli.stderr())
        .isZero();

    Map<String, byte[]> entries = entries(zip);
    Layer affine = Layers.in(root).byId("affine").orElseThrow();
    for (JavaSource source : StudentTemplate.of(List.of(affine))) {
      assertThat(entries.get("src/main/java/" + source.path()))
          .as(source.path())
          .isEqualTo(source.text().getBytes(StandardCharsets.UTF_8));
    }
    assertThat(entries).containsKey("fixtures/affine/layer.json");
    assertThat(entries.keySet())
        .noneMatch(path -> path.endsWith("reference.py") || path.endsWith("cases.json"));
    // The README tells the student which classes are theirs: the assignment's, not the built-ins'.
    assertThat(new String(entries.get("README.md"), StandardCharsets.UTF_8))
        .contains(
            "Implement this layer of a convolutional network, forward and backward, in plain Java:"
                + " `cnn.Affine`.",
            "| `src/main/java/cnn/Affine.java` | **your work**: ",
            affine.summary(),
            "| `src/main/java/cnn/AffineGradients.java` | leave as it is")
        .doesNotContain("{{", "`cnn.Conv2d`", "src/main/java/cnn/Conv2d.java");
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path file : files.toList()) {
        Path target = to.resolve(from.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(target);
        } else {
          Files.copy(file, target);
        }
      }
    }
  }

  @Test
  void holdsNoHiddenFixtureNoCaseListAndNoExampleSolution() throws Exception {
    Path zip = temp.resolve("student.zip");

    assertThat(cli.run("handout", "--out", zip.toString())).as(cli.stderr()).isZero();

    Map<String, byte[]> entries = entries(zip);
    assertThat(entries.keySet())
        .noneMatch(path -> path.toLowerCase(Locale.ROOT).contains("hidden"));
    assertThat(entries.keySet())
        .noneMatch(path -> path.toLowerCase(Locale.ROOT).contains("submissions"));
    Set<String> hiddenNames = new HashSet<>();
    for (Layer layer : Layers.in(FIXTURES).all()) {
      for (Path hidden :
          FixtureFiles.jsonFiles(FixtureFiles.folder(FIXTURES, layer, Visibility.HIDDEN))) {
        byte[] bytes = Files.readAllBytes(hidden);
        assertThat(entries.values()).as(hidden.toString()).noneMatch(e -> Arrays.equals(e, bytes));
        hiddenNames.add(FixtureFiles.read(hidden, layer, Visibility.HIDDEN).name());
      }
    }
    // Every hidden case of the assignment was compared, among all layers' (which may share names).
    assertThat(hiddenNames)
        .containsAll(
            TOTALS.only(Visibility.HIDDEN).fixtures().stream()
                .map(Fixture::name)
                .collect(Collectors.toSet()));
    for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
      if (entry.getKey().startsWith("fixtures/")
          && !entry.getKey().endsWith("assignment.json")
          && !entry.getKey().endsWith("layer.json")) {
        Fixture fixture =
            FixtureJson.parse(
                new String(entry.getValue(), StandardCharsets.UTF_8), Visibility.PUBLIC);
        assertThat(hiddenNames).as(entry.getKey()).doesNotContain(fixture.name());
      }
    }
    for (String list : List.of("conv2d/cases.json", "maxpool2d/cases.json")) {
      byte[] caseList = Files.readAllBytes(FIXTURES.resolve(list));
      assertThat(entries.values()).as(list).noneMatch(e -> Arrays.equals(e, caseList));
    }
    List<byte[]> template = contentsBelow(HOME.resolve("student-template/src"));
    for (Path example : exampleFiles()) {
      byte[] bytes = Files.readAllBytes(example);
      if (template.stream().noneMatch(t -> Arrays.equals(t, bytes))) {
        assertThat(entries.values()).as(example.toString()).noneMatch(e -> Arrays.equals(e, bytes));
      }
    }
  }

  @Test
  void holdsTheCheckAsTheSourcesOfRunnerCoreAndStudentCheckWithoutNd4j() throws Exception {
    Path zip = temp.resolve("student.zip");

    assertThat(cli.run("handout", "--out", zip.toString())).as(cli.stderr()).isZero();

    Map<String, byte[]> entries = entries(zip);
    for (String module : List.of("runner", "core", "student-check")) {
      Path sources = HOME.resolve("grader").resolve(module).resolve("src/main/java");
      List<Path> files = filesBelow(sources);
      assertThat(files).as(module).isNotEmpty();
      for (Path file : files) {
        String relative = sources.relativize(file).toString().replace('\\', '/');
        String entry = "presubmit-check/java/" + relative;
        if (relative.startsWith("org/cnngrader/report/")
            || relative.startsWith("org/cnngrader/intake/")
            || relative.startsWith("org/cnngrader/batch/")
            || relative.startsWith("org/cnngrader/lms/")) {
          // Reports, LMS intake and exports, and batches are the grader's: the check grades one
          // project.
          assertThat(entries).as(entry).doesNotContainKey(entry);
        } else {
          assertThat(entries.get(entry)).as(entry).isEqualTo(Files.readAllBytes(file));
        }
      }
    }
    assertThat(entries)
        .containsKeys(
            "presubmit-check/java/org/cnngrader/check/PreSubmitCheck.java",
            "presubmit-check/java/org/cnngrader/runner/ChildMain.java",
            "presubmit-check/java/org/cnngrader/grading/SubmissionGrader.java",
            "presubmit-check/resources/org/cnngrader/compile/contract/Gradients.java");
    assertThat(
            new String(
                entries.get("presubmit-check/resources/org/cnngrader/report/grader.properties"),
                StandardCharsets.UTF_8))
        .contains("version=" + GraderBuild.version())
        .doesNotContain("${");
    assertThat(entries.keySet())
        .noneMatch(path -> path.contains("org/cnngrader/reference/"))
        .noneMatch(path -> path.contains("org/cnngrader/cli/"))
        .noneMatch(path -> path.endsWith(".jar"));
  }

  @Test
  void thePomStandsAloneAndPinsEveryPluginAndDependency() throws Exception {
    Path zip = temp.resolve("student.zip");

    assertThat(cli.run("handout", "--out", zip.toString())).as(cli.stderr()).isZero();

    byte[] pomBytes = entries(zip).get("pom.xml");
    String pom = new String(pomBytes, StandardCharsets.UTF_8);
    assertThat(pom)
        .doesNotContain("@")
        .doesNotContainIgnoringCase("nd4j")
        .doesNotContain("SNAPSHOT<");
    Document document;
    try (InputStream in = new ByteArrayInputStream(pomBytes)) {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setNamespaceAware(true);
      document = factory.newDocumentBuilder().parse(in);
    }
    Element project = document.getDocumentElement();
    assertThat(project.getElementsByTagName("parent").getLength()).isZero();
    assertThat(project.getElementsByTagName("modules").getLength()).isZero();
    assertThat(project.getElementsByTagName("repositories").getLength()).isZero();
    assertThat(project.getElementsByTagName("pluginRepositories").getLength()).isZero();
    List<String> pinned = new ArrayList<>();
    for (String kind : List.of("plugin", "dependency")) {
      NodeList elements = project.getElementsByTagName(kind);
      for (int i = 0; i < elements.getLength(); i++) {
        Element element = (Element) elements.item(i);
        String artifact = child(element, "artifactId");
        if (element.getParentNode().getParentNode().getNodeName().equals("pluginManagement")
            || kind.equals("dependency")) {
          assertThat(child(element, "version")).as(artifact).matches("[0-9][0-9.]*");
          pinned.add(artifact);
        } else {
          assertThat(pinnedInManagement(project, artifact)).as(artifact).isTrue();
        }
      }
    }
    assertThat(pinned)
        .contains(
            "maven-clean-plugin",
            "maven-resources-plugin",
            "maven-compiler-plugin",
            "maven-surefire-plugin",
            "maven-jar-plugin",
            "maven-install-plugin",
            "maven-deploy-plugin",
            "maven-site-plugin",
            "build-helper-maven-plugin",
            "junit-jupiter",
            "jackson-databind",
            "asm");
  }

  @Test
  void theSameRepositoryGivesAByteIdenticalZipWithFixedTimesAndOrder() throws Exception {
    // Named alike: the zip's top folder is named after it.
    Path first = temp.resolve("student.zip");
    Path second = temp.resolve("again/student.zip");

    assertThat(cli.run("handout", "--out", first.toString())).isZero();
    assertThat(cli.run("handout", "--out", second.toString())).isZero();

    assertThat(Files.mismatch(first, second)).isEqualTo(-1L);
    List<String> names = new ArrayList<>();
    try (ZipFile zip = new ZipFile(first.toFile())) {
      for (ZipEntry entry : Collections.list(zip.entries())) {
        names.add(entry.getName());
        assertThat(entry.getTimeLocal()).isEqualTo(LocalDateTime.of(1980, 2, 1, 0, 0));
        assertThat(entry.getExtra()).isNull();
      }
    }
    assertThat(names).isSorted();
  }

  @Test
  void replacesAnExistingZipAndLeavesNoTemporaryFile() throws Exception {
    Path zip = temp.resolve("out/student.zip");
    Files.createDirectories(zip.getParent());
    Files.writeString(zip, "an old handout");

    assertThat(cli.run("handout", "--out", zip.toString())).isZero();

    assertThat(entries(zip)).containsKey("pom.xml");
    try (Stream<Path> files = Files.list(zip.getParent())) {
      assertThat(files.map(f -> f.getFileName().toString())).containsExactly("student.zip");
    }
  }

  @Test
  void refusesAPublicFolderThatHoldsACopyOfAHiddenFixtureAndWritesNothing() throws Exception {
    Path root = copyOfTheFixtures();
    Path hidden = FIXTURES.resolve("conv2d/hidden/kernel-1x1-s2.json");
    Files.copy(hidden, root.resolve("conv2d/public/kernel-1x1-s2.json"));
    Path zip = temp.resolve("out/student.zip");

    int code = cli.run("handout", "--out", zip.toString(), "--fixtures", root.toString());

    assertThat(code).isEqualTo(2);
    assertThat(cli.stderr())
        .isEqualTo(
            "grader: fixtures/conv2d/public/kernel-1x1-s2.json: has the content of the hidden"
                + " fixture "
                + hidden
                + "\n"
                + "grader: refusing to write the handout: 1 entry gives away what students must not"
                + " see; nothing was written to "
                + zip
                + "\n");
    assertThat(cli.stdout()).isEmpty();
    assertThat(zip.getParent()).doesNotExist();
  }

  @Test
  void refusesAHiddenCaseUnderAnotherNameAndInAnotherLayout() throws Exception {
    Path root = copyOfTheFixtures();
    Path hidden = FIXTURES.resolve("conv2d/hidden/stride3-pad1.json");
    Fixture fixture = FixtureFiles.read(hidden, Conv2dLayer.LAYER, Visibility.HIDDEN);
    Fixture renamed =
        new Fixture(
            fixture.layer(),
            "looks-public",
            Visibility.PUBLIC,
            fixture.params(),
            fixture.inputs(),
            fixture.expected(),
            fixture.points(),
            fixture.tolerance(),
            fixture.reference(),
            "nothing to see here",
            null);
    Files.writeString(
        root.resolve("conv2d/public/looks-public.json"),
        FixtureJson.write(renamed).replace("\n", "\r\n"));
    Path zip = temp.resolve("student.zip");

    int code = cli.run("handout", "--out", zip.toString(), "--fixtures", root.toString());

    assertThat(code).isEqualTo(2);
    assertThat(cli.stderr())
        .startsWith(
            "grader: fixtures/conv2d/public/looks-public.json: holds the inputs of the hidden"
                + " fixture "
                + hidden
                + "\n");
    assertThat(zip).doesNotExist();
  }

  @Test
  void anOutThatIsAFolderIsAUsageError() {
    int code = cli.run("handout", "--out", temp.toString());

    assertThat(code).isEqualTo(2);
    assertThat(cli.stderr()).isEqualTo("grader: --out " + temp + " is a folder, not a file\n");
  }

  @Test
  void aMissingFixturesRootIsAUsageError() {
    Path missing = temp.resolve("nowhere");

    int code =
        cli.run(
            "handout", "--out", temp.resolve("s.zip").toString(), "--fixtures", missing.toString());

    assertThat(code).isEqualTo(2);
    assertThat(cli.stderr()).isEqualTo("grader: fixtures folder not found: " + missing + "\n");
  }

  @Test
  void aBrokenPublicFixtureIsAUsageErrorThatNamesFileAndField() throws Exception {
    Path root = temp.resolve("fixtures");
    Path folder = Files.createDirectories(root.resolve("conv2d/public"));
    Files.writeString(folder.resolve("x.json"), "{\"layer\": \"conv2d\", \"name\": \"x\"}");

    int code =
        cli.run(
            "handout", "--out", temp.resolve("s.zip").toString(), "--fixtures", root.toString());

    assertThat(code).isEqualTo(2);
    assertThat(cli.stderr())
        .isEqualTo("grader: " + folder.resolve("x.json") + ": params: is missing\n");
    assertThat(temp.resolve("s.zip")).doesNotExist();
  }

  @Test
  void helpListsTheHandoutCommand() {
    assertThat(cli.run("--help")).isZero();

    assertThat(cli.stdout()).containsPattern("(?m)^  handout +Writes the zip students receive");
  }

  /** A fixtures root like the repository's: public and hidden folders and the case list. */
  private Path copyOfTheFixtures() throws IOException {
    Path root = temp.resolve("fixtures");
    for (Path file : filesBelow(FIXTURES.resolve("conv2d"))) {
      Path copy = root.resolve("conv2d").resolve(FIXTURES.resolve("conv2d").relativize(file));
      Files.createDirectories(copy.getParent());
      Files.copy(file, copy);
    }
    return root;
  }

  /**
   * The zip's files (its folders' entries aside) by path below its one top folder, which is named
   * after the zip.
   */
  static Map<String, byte[]> entries(Path zip) throws IOException {
    String top = zip.getFileName().toString().replaceFirst("\\.zip$", "") + "/";
    Map<String, byte[]> entries = new LinkedHashMap<>();
    try (ZipFile file = new ZipFile(zip.toFile())) {
      for (ZipEntry entry : Collections.list(file.entries())) {
        assertThat(entry.getName()).as("every entry lies in the top folder").startsWith(top);
        if (entry.isDirectory()) {
          continue;
        }
        try (InputStream in = file.getInputStream(entry)) {
          entries.put(entry.getName().substring(top.length()), in.readAllBytes());
        }
      }
    }
    return entries;
  }

  private static List<Path> filesBelow(Path folder) throws IOException {
    try (Stream<Path> paths = Files.walk(folder)) {
      return paths.filter(Files::isRegularFile).sorted().toList();
    }
  }

  private static List<byte[]> contentsBelow(Path folder) throws IOException {
    List<byte[]> contents = new ArrayList<>();
    for (Path file : filesBelow(folder)) {
      contents.add(Files.readAllBytes(file));
    }
    return contents;
  }

  private static String child(Element element, String name) {
    NodeList children = element.getChildNodes();
    for (int i = 0; i < children.getLength(); i++) {
      if (children.item(i).getNodeName().equals(name)) {
        return children.item(i).getTextContent().trim();
      }
    }
    return "";
  }

  private static boolean pinnedInManagement(Element project, String artifact) {
    NodeList managed = project.getElementsByTagName("pluginManagement");
    if (managed.getLength() != 1) {
      return false;
    }
    NodeList plugins = ((Element) managed.item(0)).getElementsByTagName("plugin");
    for (int i = 0; i < plugins.getLength(); i++) {
      Element plugin = (Element) plugins.item(i);
      if (child(plugin, "artifactId").equals(artifact)) {
        return child(plugin, "version").matches("[0-9][0-9.]*");
      }
    }
    return false;
  }
}
