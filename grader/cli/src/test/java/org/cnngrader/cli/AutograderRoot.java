package org.cnngrader.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * A folder laid out as Gradescope lays out /autograder: the bundle unzipped into source/ (with the
 * modes the zip records), run_autograder copied beside it, a submission in submission/, and
 * results/ written by run_autograder, which runs with bash and the test JVM's java on the PATH.
 */
final class AutograderRoot {

  /** What a run of run_autograder left: its exit code and what it printed. */
  record Run(int exitCode, String output) {}

  private final Path root;

  private AutograderRoot(Path root) {
    this.root = root;
  }

  static AutograderRoot unpack(Path bundle, Path root) throws IOException {
    Path source = Files.createDirectories(root.resolve("source"));
    Map<String, Integer> modes = modes(bundle);
    try (ZipFile zip = new ZipFile(bundle.toFile())) {
      for (ZipEntry entry : Collections.list(zip.entries())) {
        Path target = source.resolve(entry.getName());
        if (entry.isDirectory()) {
          Files.createDirectories(target);
        } else {
          try (InputStream in = zip.getInputStream(entry)) {
            Files.copy(in, target);
          }
        }
        Files.setPosixFilePermissions(target, permissions(modes.get(entry.getName())));
      }
    }
    Files.copy(source.resolve("run_autograder"), root.resolve("run_autograder"));
    Files.setPosixFilePermissions(
        root.resolve("run_autograder"), PosixFilePermissions.fromString("rwxr-xr-x"));
    return new AutograderRoot(root);
  }

  Path source() {
    return root.resolve("source");
  }

  Path results() {
    return root.resolve("results");
  }

  /** Copies {@code folder} as the submission. */
  AutograderRoot submit(Path folder) throws IOException {
    Path submission = Files.createDirectories(root.resolve("submission"));
    try (Stream<Path> paths = Files.walk(folder)) {
      for (Path path : paths.toList()) {
        Path copy = submission.resolve(folder.relativize(path).toString());
        if (Files.isDirectory(path)) {
          Files.createDirectories(copy);
        } else {
          Files.copy(path, copy);
        }
      }
    }
    return this;
  }

  /** Runs {@code bash ROOT/run_autograder} with AUTOGRADER_ROOT set, plus {@code environment}. */
  Run runAutograder(Map<String, String> environment) throws Exception {
    return run(List.of("bash", root.resolve("run_autograder").toString()), environment);
  }

  /** Runs a command in ROOT with a clean environment: PATH, HOME, AUTOGRADER_ROOT and more. */
  Run run(List<String> command, Map<String, String> environment) throws Exception {
    Path log = Files.createTempFile(root.getParent(), "run-", ".log");
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(root.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    builder.environment().clear();
    builder.environment().put("PATH", javaBin() + ":/usr/local/bin:/usr/bin:/bin");
    builder.environment().put("HOME", System.getProperty("user.home"));
    builder.environment().put("AUTOGRADER_ROOT", root.toString());
    builder.environment().putAll(environment);
    Process process = builder.start();
    process.getOutputStream().close();
    if (!process.waitFor(5, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new AssertionError(command + " did not finish within 5 minutes");
    }
    String output = Files.readString(log, StandardCharsets.UTF_8);
    Files.delete(log);
    return new Run(process.exitValue(), output);
  }

  JsonNode resultsJson() throws IOException {
    return new ObjectMapper().readTree(results().resolve("results.json").toFile());
  }

  private static String javaBin() {
    return Path.of(System.getProperty("java.home"), "bin").toString();
  }

  private static Map<String, Integer> modes(Path bundle) throws IOException {
    Map<String, Integer> modes = new HashMap<>();
    for (ZipListing.Entry entry : ZipListing.read(bundle)) {
      modes.put(entry.name(), entry.mode());
    }
    return modes;
  }

  private static Set<PosixFilePermission> permissions(int mode) {
    StringBuilder text = new StringBuilder();
    String letters = "rwxrwxrwx";
    for (int bit = 8; bit >= 0; bit--) {
      text.append((mode & (1 << bit)) != 0 ? letters.charAt(8 - bit) : '-');
    }
    return PosixFilePermissions.fromString(text.toString());
  }
}
