package org.cnngrader.sandbox;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Running the probe commands the sandboxes are tried with, and the JDK they start. */
final class Commands {

  private Commands() {}

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
