package org.cnngrader.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The options of a similarity check, for {@code similarity} and {@code grade --similarity}. */
final class SimilarityFlags {

  @Option(
      names = "--base",
      paramLabel = "DIR",
      description =
          "Base code: the code every student was given, whose matches do not count (its .java"
              + " files, as the compiler would take them). Default: the repository's"
              + " student-template.")
  Path base;

  /** The similarity from which similarity.html shows a pair side by side. */
  static final double DEFAULT_THRESHOLD = 0.5;

  @Option(
      names = "--threshold",
      paramLabel = "F",
      defaultValue = "" + DEFAULT_THRESHOLD,
      description =
          "similarity.html shows side by side the pairs whose similarity is at least F (a"
              + " fraction; similarity.csv lists every pair). Default: ${DEFAULT-VALUE}.")
  double threshold;

  Optional<Path> base(Path home) {
    if (base == null) {
      return defaultBase(home);
    }
    if (!Files.isDirectory(base)) {
      throw new UsageException("--base " + base + " is not a folder");
    }
    return Optional.of(base);
  }

  /**
   * The repository's template, what every student was given; none in a copy of the grader without
   * it, which then compares without base code.
   */
  static Optional<Path> defaultBase(Path home) {
    Path template = home.resolve("student-template/src/main/java");
    return Files.isDirectory(template) ? Optional.of(template) : Optional.empty();
  }

  double threshold() {
    if (!(threshold >= 0 && threshold <= 1)) {
      throw new UsageException("--threshold must be a fraction from 0 to 1, found " + threshold);
    }
    return threshold;
  }
}
