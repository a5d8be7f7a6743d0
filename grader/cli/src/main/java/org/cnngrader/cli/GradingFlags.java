package org.cnngrader.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.cnngrader.execution.Limits;
import org.cnngrader.fixture.FixtureFiles;
import org.cnngrader.fixture.FixtureSet;
import org.cnngrader.grading.GradingOptions;
import picocli.CommandLine.Option;

/** The options that change how submissions are graded, shared by grade and demo. */
final class GradingFlags {

  @Option(
      names = "--fixtures",
      paramLabel = "DIR",
      description =
          "Fixtures root laid out like fixtures/ (conv2d/public, conv2d/hidden). Default: the repository's.")
  Path fixtures;

  @Option(
      names = "--class",
      paramLabel = "NAME",
      description = "The student class to grade. Default: ${DEFAULT-VALUE}.",
      defaultValue = GradingOptions.DEFAULT_CLASS)
  String className;

  @Option(
      names = "--call-timeout",
      paramLabel = "SECONDS",
      description =
          "Time limit of each call (constructor, forward, backward). Default: ${DEFAULT-VALUE}.",
      defaultValue = "10")
  double callTimeoutSeconds;

  @Option(
      names = "--heap",
      paramLabel = "MB",
      description =
          "Heap limit of the child JVM that runs student code. Default: ${DEFAULT-VALUE}.",
      defaultValue = "512")
  int heapMegabytes;

  GradingOptions options() {
    if (!(callTimeoutSeconds > 0) || callTimeoutSeconds > 3600) {
      throw new UsageException(
          "--call-timeout must be a number of seconds above 0 and at most 3600, found "
              + java.math.BigDecimal.valueOf(callTimeoutSeconds)
                  .stripTrailingZeros()
                  .toPlainString());
    }
    if (heapMegabytes < 16) {
      throw new UsageException("--heap must be at least 16 (MB), found " + heapMegabytes);
    }
    Limits limits =
        Limits.DEFAULT
            .withCallTimeout(Duration.ofMillis(Math.round(callTimeoutSeconds * 1000)))
            .withHeapMegabytes(heapMegabytes);
    if (!javax.lang.model.SourceVersion.isName(className)) {
      throw new UsageException("--class must be a qualified Java class name, found " + className);
    }
    return GradingOptions.DEFAULT.withLimits(limits).withClassName(className);
  }

  FixtureSet loadFixtures(Path home) {
    Path root = fixtures != null ? fixtures : home.resolve("fixtures");
    if (!Files.isDirectory(root)) {
      throw new UsageException("fixtures folder not found: " + root);
    }
    return FixtureFiles.load(root);
  }
}
