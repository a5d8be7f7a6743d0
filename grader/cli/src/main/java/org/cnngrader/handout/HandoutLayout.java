package org.cnngrader.handout;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.cnngrader.fixture.Assignment;
import org.cnngrader.fixture.FixtureFiles;
import org.cnngrader.fixture.Visibility;
import org.cnngrader.layer.Layer;
import org.cnngrader.layers.Layers;
import org.cnngrader.layers.described.FileLayer;
import org.cnngrader.layers.described.LayerFile;
import org.cnngrader.template.JavaSource;
import org.cnngrader.template.StudentTemplate;

/**
 * Where each file of the handout comes from and where it goes in the zip:
 *
 * <pre>
 * pom.xml, README.md              the handout's own (resources of this package)
 * src/                            the student template's src/, and the classes of the described
 *                                 layers of the assignment, written from their descriptions
 * fixtures/conv2d/public/*.json   the public fixtures of the assignment's layers
 * fixtures/affine/layer.json      a described layer's description
 * presubmit-check/java/           the main sources of grader-runner, grader-core, grader-student-check
 * presubmit-check/resources/      grader-core's resources, as its build makes them
 * </pre>
 *
 * The check travels as sources, compiled with the student's tests, so that the handout needs
 * nothing but Maven Central and works wherever Maven does.
 */
final class HandoutLayout {

  static final String FIXTURES = "fixtures/";
  static final String TEMPLATE_SOURCES = "src/";
  static final String CHECK_SOURCES = "presubmit-check/java/";
  static final String CHECK_RESOURCES = "presubmit-check/resources/";

  /** The modules whose main sources make up the check; none of them uses ND4J. */
  static final List<String> CHECK_MODULES =
      List.of("grader/runner", "grader/core", "grader/student-check");

  static final String TEMPLATE = "student-template";

  /**
   * What the check does not need: the grader's reports (HTML, CSV, JUnit XML; the check prints its
   * results and writes no report), the intake of LMS exports, the grades written back to them and
   * batch grading (the check grades the one project it sits in), nor the libraries behind them.
   */
  static final List<String> LEFT_OUT =
      List.of(
          "org/cnngrader/report/",
          "org/cnngrader/intake/",
          "org/cnngrader/batch/",
          "org/cnngrader/lms/");

  /** Where grader-core's build puts its copies of the template's records (see its pom.xml). */
  private static final String CONTRACT_RECORDS = "org/cnngrader/compile/contract/";

  private static final String VERSION_PLACEHOLDER = "${project.version}";

  private final Path repository;
  private final Path fixturesRoot;
  private final String graderVersion;

  HandoutLayout(Path repository, Path fixturesRoot, String graderVersion) {
    this.repository = repository;
    this.fixturesRoot = fixturesRoot;
    this.graderVersion = graderVersion;
  }

  /** Where the handout keeps a layer's public fixtures: {@code fixtures/conv2d/public/}. */
  static String publicFixtures(Layer layer) {
    return FIXTURES + layer.id() + "/" + Visibility.PUBLIC.folder() + "/";
  }

  /** Whether a handout path is the assignment file, which says which layers are graded. */
  static boolean isAssignment(String path) {
    return path.equals(FIXTURES + Assignment.FILE);
  }

  /**
   * Whether a handout path is a layer's public fixture: {@code
   * fixtures/<layer>/public/<name>.json}.
   */
  static boolean isPublicFixture(String path) {
    return path.matches(
        FIXTURES + "[a-z][a-z0-9_]*/" + Visibility.PUBLIC.folder() + "/[^/]+\\.json");
  }

  /**
   * Whether a handout path is a described layer's file, {@code fixtures/<layer>/layer.json}, which
   * the check needs to read its fixtures.
   */
  static boolean isLayerFile(String path) {
    return path.matches(FIXTURES + "[a-z][a-z0-9_]*/" + LayerFile.FILE.replace(".", "\\."));
  }

  /** Every file of the handout, read from the repository and the fixtures root. */
  List<HandoutEntry> entries() {
    List<HandoutEntry> entries = new ArrayList<>();
    entries.add(new HandoutEntry("pom.xml", resource("pom.xml")));
    List<Layer> layers =
        Assignment.of(fixturesRoot).layers().stream().map(Assignment.Entry::layer).toList();
    String readme =
        HandoutReadme.render(new String(resource("README.md"), StandardCharsets.UTF_8), layers);
    entries.add(new HandoutEntry("README.md", readme.getBytes(StandardCharsets.UTF_8)));
    Path template = required(repository.resolve(TEMPLATE).resolve("src"));
    entries.addAll(filesBelow(template, TEMPLATE_SOURCES));
    entries.addAll(describedTemplate(layers, entries));
    Path assignment = fixturesRoot.resolve(Assignment.FILE);
    if (Files.isRegularFile(assignment)) {
      entries.add(new HandoutEntry(FIXTURES + Assignment.FILE, read(assignment)));
    }
    for (Layer layer : layers) {
      if (layer instanceof FileLayer described) {
        entries.add(
            new HandoutEntry(FIXTURES + layer.id() + "/" + LayerFile.FILE, read(described.file())));
      }
      for (Path fixture :
          FixtureFiles.jsonFiles(FixtureFiles.folder(fixturesRoot, layer, Visibility.PUBLIC))) {
        entries.add(new HandoutEntry(publicFixtures(layer) + fixture.getFileName(), read(fixture)));
      }
    }
    for (String module : CHECK_MODULES) {
      Path main = repository.resolve(module).resolve("src/main");
      entries.addAll(
          filesBelow(required(main.resolve("java")), CHECK_SOURCES).stream()
              .filter(
                  entry ->
                      LEFT_OUT.stream().noneMatch(p -> entry.path().startsWith(CHECK_SOURCES + p)))
              .toList());
      if (Files.isDirectory(main.resolve("resources"))) {
        entries.addAll(withVersion(filesBelow(main.resolve("resources"), CHECK_RESOURCES)));
      }
    }
    for (String record : contractRecords()) {
      entries.add(
          new HandoutEntry(
              CHECK_RESOURCES + CONTRACT_RECORDS + record + ".java",
              read(required(template.resolve("main/java/cnn/" + record + ".java")))));
    }
    return entries;
  }

  /**
   * The classes and records of the described layers among {@code layers}, written from their
   * descriptions: the hand-written template has the built-in layers' alone. A file the template
   * already has (a record two layers share) is not written twice.
   */
  private static List<HandoutEntry> describedTemplate(
      List<Layer> layers, List<HandoutEntry> template) {
    List<Layer> described = layers.stream().filter(l -> l instanceof FileLayer).toList();
    if (described.isEmpty()) {
      return List.of();
    }
    List<HandoutEntry> written = new ArrayList<>();
    for (JavaSource source : StudentTemplate.of(described)) {
      String path = TEMPLATE_SOURCES + "main/java/" + source.path();
      if (template.stream().noneMatch(e -> e.path().equals(path))) {
        written.add(new HandoutEntry(path, source.text().getBytes(StandardCharsets.UTF_8)));
      }
    }
    return written;
  }

  /** The records the layers' steps return, which grader-core's build copies from the template. */
  private static List<String> contractRecords() {
    List<String> records = new ArrayList<>();
    // The built-in layers' records, which the template has; a described layer's come with the
    // template written from its description.
    for (Layer layer : Layers.builtIn().all()) {
      layer.contract().recordTypes().stream()
          .filter(r -> !records.contains(r))
          .forEach(records::add);
    }
    return records;
  }

  /** Resources as grader-core's build filters them: the version is the only value it fills in. */
  private List<HandoutEntry> withVersion(List<HandoutEntry> resources) {
    return resources.stream()
        .map(
            r ->
                r.path().endsWith(".properties")
                    ? new HandoutEntry(
                        r.path(),
                        new String(r.content(), StandardCharsets.UTF_8)
                            .replace(VERSION_PLACEHOLDER, graderVersion)
                            .getBytes(StandardCharsets.UTF_8))
                    : r)
        .toList();
  }

  private static List<HandoutEntry> filesBelow(Path folder, String prefix) {
    try (Stream<Path> paths = Files.walk(folder)) {
      return paths
          .filter(Files::isRegularFile)
          .sorted()
          .map(file -> new HandoutEntry(prefix + zipPath(folder.relativize(file)), read(file)))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + folder, e);
    }
  }

  /** A relative path with '/' between its parts, whatever the operating system uses. */
  private static String zipPath(Path relative) {
    List<String> parts = new ArrayList<>();
    relative.forEach(part -> parts.add(part.toString()));
    return String.join("/", parts);
  }

  private static Path required(Path folderOrFile) {
    if (!Files.exists(folderOrFile)) {
      throw new IllegalStateException(
          "the handout is built from the grader's repository, but "
              + folderOrFile
              + " does not exist");
    }
    return folderOrFile;
  }

  private static byte[] resource(String name) {
    try (InputStream in = HandoutLayout.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("the grader's jar lacks the handout's " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the handout's " + name, e);
    }
  }

  private static byte[] read(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }
}
