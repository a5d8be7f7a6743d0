package org.cnngrader.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.cnngrader.batch.BatchGrading;
import org.cnngrader.fixture.FixtureSet;
import org.cnngrader.grading.GradingOptions;
import org.cnngrader.intake.InputFormat;
import org.cnngrader.intake.Intake;
import org.cnngrader.intake.IntakeListener;
import org.cnngrader.intake.Submissions;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code grader demo}: grades the example submissions under fixtures/submissions/. */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description =
        "Grades the example submissions kept under fixtures/submissions/ (correct solutions and typical"
            + " mistakes) and prints the table.")
final class DemoCommand implements Callable<Integer>, GraderCommand.HomeAware {

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "Where results are written. Default: target/demo in the repository.")
  Path out;

  @Mixin GradingFlags flags;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  private Path home;

  @Override
  public void home(Path home) {
    this.home = home;
  }

  @Override
  public Integer call() {
    return Guarded.run(
        spec,
        () -> {
          Path examples = home.resolve("fixtures").resolve("submissions");
          List<Path> folders = exampleFolders(examples);
          if (folders.isEmpty()) {
            throw new UsageException("no example submissions found in " + examples);
          }
          Path outFolder = out != null ? out : home.resolve("target").resolve("demo");
          GradingOptions options = flags.options(home);
          FixtureSet fixtures = flags.loadFixtures(home, options);
          spec.commandLine()
              .getOut()
              .println(
                  "Grading " + folders.size() + " example submissions from " + examples + " ...");
          MemorySizing.Sized sized = flags.fitMemory(options, folders.size());
          BatchGrading.createOutFolder(outFolder);
          IsolationSetup.Result isolation =
              flags.isolation(spec.commandLine().getErr(), home, outFolder, folders, sized);
          IntakeListener warnings =
              w -> spec.commandLine().getErr().println("grader: warning: " + w);
          try (Intake intake = new Intake(InputFormat.FOLDERS, warnings)) {
            return GradingRun.grade(
                Submissions.identify(folders, warnings),
                intake,
                flags.setup(fixtures, sized, isolation, outFolder),
                sized,
                spec.commandLine().getOut(),
                spec.commandLine().getErr());
          }
        });
  }

  private static List<Path> exampleFolders(Path examples) {
    if (!Files.isDirectory(examples)) {
      return List.of();
    }
    try (Stream<Path> children = Files.list(examples)) {
      return children.filter(Files::isDirectory).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
