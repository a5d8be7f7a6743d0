package org.cnngrader.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import org.cnngrader.archive.ReproducibleZip;
import org.cnngrader.layer.Layer;
import org.cnngrader.layers.Layers;
import org.cnngrader.layers.described.FileLayer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code grader gradescope}: what the autograder zip holds and how, and the command's messages. The
 * bundle is built once, from the classes this test runs with (see RunAutograderTest for the bundle
 * at work).
 */
class GradescopeCommandTest {

  private static final List<String> LIBRARIES =
      List.of(
          "lib/grader-cli.jar",
          "lib/grader-core.jar",
          "lib/grader-runner.jar",
          "lib/picocli.jar",
          "lib/jackson-databind.jar",
          "lib/jackson-core.jar",
          "lib/jackson-annotations.jar",
          "lib/asm.jar",
          "lib/jackson-dataformat-csv.jar",
          "lib/jackson-dataformat-yaml.jar",
          "lib/snakeyaml.jar",
          "lib/jsoup.jar");

  @TempDir static Path shared;

  private static Path bundle;
  private static String built;

  @TempDir Path temp;

  private final CommandLineRun cli = new CommandLineRun();

  @BeforeAll
  static void buildTheBundle() {
    bundle = shared.resolve("autograder.zip");
    CommandLineRun run = new CommandLineRun();
    assertThat(run.run("gradescope", "--out", bundle.toString())).as(run.stderr()).isZero();
    built = run.stdout();
  }

  private static Path fixtures() {
    return CommandLineRun.home().resolve("fixtures");
  }

  private static List<String> names() throws IOException {
    return ZipListing.read(bundle).stream().map(ZipListing.Entry::name).toList();
  }

  private static String text(String entry) throws IOException {
    try (ZipFile zip = new ZipFile(bundle.toFile())) {
      return new String(
          zip.getInputStream(zip.getEntry(entry)).readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void theTwoScriptsComeFirstAtTheRootAndUnzipExecutable() throws Exception {
    List<ZipListing.Entry> entries = ZipListing.read(bundle);

    assertThat(entries.subList(0, 2))
        .extracting(ZipListing.Entry::name)
        .containsExactly("setup.sh", "run_autograder");
    assertThat(entries.subList(0, 2)).allMatch(ZipListing.Entry::executable);
    assertThat(entries.subList(0, 2)).extracting(ZipListing.Entry::mode).containsOnly(0755);
    assertThat(entries.subList(2, entries.size()))
        .filteredOn(e -> !e.name().endsWith("/"))
        .extracting(ZipListing.Entry::mode)
        .containsOnly(0644);
  }

  @Test
  void holdsTheScriptsTheGradersLibrariesAndEveryFixtureInAFixedOrderAndNothingElse()
      throws Exception {
    List<String> expected = new ArrayList<>(List.of("setup.sh", "run_autograder", "lib/"));
    expected.addAll(LIBRARIES);
    expected.addAll(List.of("fixtures/", "fixtures/policy.json", "fixtures/assignment.json"));
    for (Layer described : Layers.in(fixtures()).all()) {
      String layer = described.id();
      expected.add("fixtures/" + layer + "/");
      if (described instanceof FileLayer) {
        expected.add("fixtures/" + layer + "/layer.json");
      }
      expected.add("fixtures/" + layer + "/public/");
      expected.addAll(sortedJson(layer, "public"));
      expected.add("fixtures/" + layer + "/hidden/");
      expected.addAll(sortedJson(layer, "hidden"));
    }

    assertThat(names()).containsExactlyElementsOf(expected);
  }

  @Test
  void holdsHiddenFixturesButNoExampleSubmissionsNorAnyJavaSource() throws Exception {
    assertThat(names())
        .contains("fixtures/conv2d/hidden/kernel-1x1-s2.json")
        .noneMatch(n -> n.contains("submissions"))
        .noneMatch(n -> n.endsWith(".java"))
        .noneMatch(n -> n.contains("cases.json"));
    assertThat(text("fixtures/conv2d/hidden/kernel-1x1-s2.json"))
        .isEqualTo(Files.readString(fixtures().resolve("conv2d/hidden/kernel-1x1-s2.json")));
  }

  @Test
  void holdsNoNd4jNorItsNativeLibrariesNorTheReferenceModule() throws Exception {
    assertThat(names())
        .noneMatch(n -> n.contains("nd4j"))
        .noneMatch(n -> n.contains("bytedeco") || n.contains("javacpp") || n.contains("openblas"))
        .noneMatch(n -> n.contains("reference"));
    try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(bundle))) {
      for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
        if (entry.getName().endsWith(".jar")) {
          assertThat(entryNames(new ZipInputStream(zip)))
              .as(entry.getName())
              .noneMatch(n -> n.startsWith("org/nd4j/") || n.startsWith("org/bytedeco/"))
              .noneMatch(n -> n.startsWith("org/cnngrader/reference/"));
        }
      }
    }
  }

  @Test
  void isSmallBecauseItLeavesOutNd4j() throws Exception {
    // ND4J with its native libraries alone is over 120 MB.
    assertThat(Files.size(bundle)).isBetween(1_000_000L, 15_000_000L);
  }

  @Test
  void everyEntryHasTheSameFixedTime() throws Exception {
    try (ZipFile zip = new ZipFile(bundle.toFile())) {
      assertThat(Collections.list(zip.entries()))
          .extracting(ZipEntry::getTimeLocal)
          .containsOnly(ReproducibleZip.ENTRY_TIME);
    }
  }

  @Test
  void buildingAgainReplacesTheZipWithTheSameBytesAndLeavesNoTemporaryFile() throws Exception {
    Path again = Files.writeString(temp.resolve("autograder.zip"), "an older bundle");

    int code = cli.run("gradescope", "--out", again.toString());

    assertThat(code).as(cli.stderr()).isZero();
    assertThat(Files.mismatch(again, bundle)).isEqualTo(-1L);
    try (Stream<Path> left = Files.list(temp)) {
      assertThat(left).containsExactly(again);
    }
  }

  @Test
  void createsTheFolderOfTheZip() {
    Path nested = temp.resolve("a/b/autograder.zip");

    assertThat(cli.run("gradescope", "--out", nested.toString())).isZero();

    assertThat(nested).isRegularFile();
  }

  @Test
  void saysWhatItWroteAndWhereToUploadIt() throws Exception {
    assertThat(built)
        .isEqualTo(
            String.format(
                Locale.ROOT,
                "Wrote %s (%.1f MiB): setup.sh and run_autograder, 12 libraries (no ND4J),"
                    + " %d public and %d hidden fixtures, policy.json.%n"
                    + "Upload it as a programming assignment's autograder on Gradescope (base"
                    + " image Ubuntu 22.04); see docs/gradescope.md.%n",
                bundle.toAbsolutePath().normalize(),
                Files.size(bundle) / (1024.0 * 1024),
                sortedJson("public").size(),
                sortedJson("hidden").size()));
  }

  @Test
  void setupInstallsAFullJdkAndBubblewrapAndIsValidBash() throws Exception {
    String setup = text("setup.sh");

    assertThat(setup)
        .startsWith("#!/usr/bin/env bash\n")
        .containsPattern(
            "(?m)^apt-get install -y openjdk-17-jdk-headless bubblewrap util-linux coreutils$");
    assertThat(bashSyntaxErrors(setup)).isEmpty();
  }

  @Test
  void runAutograderIsValidBash() throws Exception {
    String run = text("run_autograder");

    assertThat(run).startsWith("#!/usr/bin/env bash\n");
    assertThat(bashSyntaxErrors(run)).isEmpty();
  }

  @Test
  void aFolderGivenAsOutIsAUsageError() {
    int code = cli.run("gradescope", "--out", temp.toString());

    assertThat(code).isEqualTo(2);
    assertThat(cli.stderr()).isEqualTo("grader: --out " + temp + " is a folder, not a file\n");
  }

  @Test
  void aMissingFixturesFolderIsAUsageError() {
    Path missing = temp.resolve("nowhere");

    int code =
        cli.run(
            "gradescope",
            "--out",
            temp.resolve("a.zip").toString(),
            "--fixtures",
            missing.toString());

    assertThat(code).isEqualTo(2);
    assertThat(cli.stderr()).isEqualTo("grader: fixtures folder not found: " + missing + "\n");
  }

  @Test
  void aBrokenFixtureIsAUsageErrorThatNamesFileAndFieldAndNothingIsWritten() throws Exception {
    Path folder = Files.createDirectories(temp.resolve("fixtures/conv2d/hidden"));
    Files.writeString(folder.resolve("x.json"), "{\"layer\": \"conv2d\", \"name\": \"x\"}");
    Path zip = temp.resolve("autograder.zip");

    int code =
        cli.run(
            "gradescope",
            "--out",
            zip.toString(),
            "--fixtures",
            temp.resolve("fixtures").toString());

    assertThat(code).isEqualTo(2);
    assertThat(cli.stderr())
        .isEqualTo("grader: " + folder.resolve("x.json") + ": params: is missing\n");
    assertThat(zip).doesNotExist();
  }

  @Test
  void aBrokenPolicyIsAUsageErrorThatNamesFileAndField() throws Exception {
    Path root = temp.resolve("fixtures");
    Path publicFolder = Files.createDirectories(root.resolve("conv2d/public"));
    Files.copy(
        fixtures().resolve("conv2d/public/kernel-1x1.json"),
        publicFolder.resolve("kernel-1x1.json"));
    Path policy = Files.writeString(root.resolve("policy.json"), "{\"exits\": \"zero\"}");

    int code =
        cli.run(
            "gradescope",
            "--out",
            temp.resolve("autograder.zip").toString(),
            "--fixtures",
            root.toString());

    assertThat(code).isEqualTo(2);
    assertThat(cli.stderr()).startsWith("grader: " + policy + ": exits: ");
  }

  @Test
  void helpListsTheCommand() {
    assertThat(cli.run("--help")).isZero();

    assertThat(cli.stdout())
        .containsPattern("(?m)^  gradescope +Builds a Gradescope autograder zip")
        .containsPattern("(?m)^  prairielearn +Writes the folder a PrairieLearn course")
        .containsPattern("(?m)^  similarity +Compares every pair of submissions")
        .containsPattern("(?m)^  export +Writes a results folder.s grades");
  }

  private static List<String> sortedJson(String layer, String visibility) throws IOException {
    try (Stream<Path> files = Files.list(fixtures().resolve(layer).resolve(visibility))) {
      return files
          .map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".json"))
          .sorted()
          .map(n -> "fixtures/" + layer + "/" + visibility + "/" + n)
          .toList();
    }
  }

  private static List<String> sortedJson(String visibility) throws IOException {
    List<String> all = new ArrayList<>();
    for (Layer layer : Layers.in(fixtures()).all()) {
      all.addAll(sortedJson(layer.id(), visibility));
    }
    return all;
  }

  /** The names of a jar's entries. */
  private static List<String> entryNames(ZipInputStream jar) throws IOException {
    List<String> names = new ArrayList<>();
    for (ZipEntry entry = jar.getNextEntry(); entry != null; entry = jar.getNextEntry()) {
      names.add(entry.getName());
    }
    return names;
  }

  /** What {@code bash -n} says of a script: empty when it parses. */
  private String bashSyntaxErrors(String script) throws Exception {
    Path file = Files.writeString(temp.resolve("script.sh"), script);
    Process bash =
        new ProcessBuilder("bash", "-n", file.toString()).redirectErrorStream(true).start();
    String output = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(bash.waitFor(30, TimeUnit.SECONDS)).isTrue();
    return bash.exitValue() == 0 ? output : "exit code " + bash.exitValue() + ": " + output;
  }
}
