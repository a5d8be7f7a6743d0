package org.cnngrader.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Runs the grader's command line in this JVM, as from the repository, and keeps what it printed.
 */
final class CommandLineRun {

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  /** The repository the build runs in: the grader's home. */
  static Path home() {
    return Path.of(System.getProperty("grader.repository")).toAbsolutePath().normalize();
  }

  int run(String... args) {
    return GraderCommand.run(
        args,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8),
        home());
  }

  String stdout() {
    return out.toString(StandardCharsets.UTF_8);
  }

  String stderr() {
    return err.toString(StandardCharsets.UTF_8);
  }
}
