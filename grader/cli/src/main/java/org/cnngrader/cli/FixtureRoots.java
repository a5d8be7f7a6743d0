package org.cnngrader.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the fixtures are: the folder an option named, else the grader's own fixtures/. */
final class FixtureRoots {

  private FixtureRoots() {}

  static Path orDefault(Path option, Path home) {
    return option != null ? option : home.resolve("fixtures");
  }

  /** The same, which must be a folder: a usage error otherwise. */
  static Path existing(Path option, Path home) {
    Path root = orDefault(option, home);
    if (!Files.isDirectory(root)) {
      throw new UsageException("fixtures folder not found: " + root);
    }
    return root;
  }
}
