package org.cnngrader.sandbox;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/** Finding and running the small system programs the sandboxes are built from. */
final class Commands {

  private static final List<String> SYSTEM_FOLDERS =
      List.of("/usr/bin", "/bin", "/usr/sbin", "/sbin", "/usr/local/bin");

  private Commands() {}

  /** The program {@code name} on the PATH or in the usual system folders. */
  static Optional<Path> find(String name) {
    Set<String> folders = new LinkedHashSet<>();
    String path = System.getenv("PATH");
    if (path != null) {
      folders.addAll(List.of(path.split(File.pathSeparator)));
    }
    folders.addAll(SYSTEM_FOLDERS);
    for (String folder : folders) {
      if (folder.isEmpty()) {
        continue;
      }
      Path candidate = Path.of(folder, name);
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  /** Operating-system limits for the child, where prlimit exists; empty otherwise. */
  static List<String> limits(boolean perUser) {
    Optional<Path> prlimit = find("prlimit");
    if (prlimit.isEmpty()) {
      return List.of();
    }
    List<String> words = new ArrayList<>();
    words.add(prlimit.get().toString());
    words.add("--core=0");
    // No file a child writes (in its own folder or /tmp) may grow past this.
    words.add("--fsize=" + 64L * 1024 * 1024);
    words.add("--nofile=256");
    if (perUser) {
      // Counts the user's threads; only a user of the child's own makes this a per-child limit.
      words.add("--nproc=256");
    }
    words.add("--");
    return words;
  }

  /**
   * Runs a probe command and returns empty when it exited with 0, else the reason it did not work.
   */
  static Optional<String> probe(List<String> command, Path directory) {
    try {
      Path log = Files.createTempFile("cnn-grader-probe-", ".log");
      try {
        Process process =
            new ProcessBuilder(command)
                .directory(directory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        process.getOutputStream().close();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
          Reaper.killTree(process.toHandle());
          return Optional.of(command.get(0) + " did not finish within 30 s");
        }
        if (process.exitValue() == 0) {
          return Optional.empty();
        }
        String output = Files.readString(log).strip();
        String firstLine = output.lines().findFirst().orElse("no output");
        return Optional.of(
            command.get(0) + " failed with exit code " + process.exitValue() + ": " + firstLine);
      } finally {
        Files.deleteIfExists(log);
      }
    } catch (java.io.IOException e) {
      return Optional.of("could not run " + command.get(0) + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.of("interrupted");
    }
  }

  /** The JDK this grader runs on, with symbolic links resolved. */
  static Path javaHome() {
    try {
      return Path.of(System.getProperty("java.home")).toRealPath();
    } catch (java.io.IOException e) {
      return Path.of(System.getProperty("java.home"));
    }
  }
}
