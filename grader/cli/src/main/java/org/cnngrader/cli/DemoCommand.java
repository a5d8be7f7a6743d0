package org.cnngrader.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.cnngrader.batch.BatchGrading;
import org.cnngrader.fixture.Assignment;
import org.cnngrader.fixture.FixtureFiles;
import org.cnngrader.fixture.FixtureSet;
import org.cnngrader.fixture.Visibility;
import org.cnngrader.grading.GradingOptions;
import org.cnngrader.intake.InputFormat;
import org.cnngrader.intake.Intake;
import org.cnngrader.intake.IntakeListener;
import org.cnngrader.intake.Submissions;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code grader demo}: grades the example submissions under fixtures/submissions/ on the
 * assignment, then those of the described layers under fixtures/notebook-submissions/ on the
 * assignment beside them.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description =
        "Grades the example submissions kept under fixtures/submissions/ (correct solutions and typical"
            + " mistakes) and prints the table; then, unless --layers or --fixtures is given, those of"
            + " the described layers under fixtures/notebook-submissions/, on the assignment.json"
            + " beside them, with their results in the folder of that name in DIR.")
final class DemoCommand implements Callable<Integer>, GraderCommand.HomeAware {

  /** The folder, in fixtures/, of the described layers' example hand-ins. */
  static final String DESCRIBED_EXAMPLES = "notebook-submissions";

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
          Path fixturesRoot = flags.fixturesRoot(home);
          Path examples = home.resolve("fixtures").resolve("submissions");
          Path outFolder = out != null ? out : home.resolve("target").resolve("demo");
          GradingOptions options = flags.options(home);
          int exit = grade(examples, flags.loadFixtures(home, options), options, outFolder);
          // The described layers' examples: their own assignment, their results beside the others'.
          Path described = home.resolve("fixtures").resolve(DESCRIBED_EXAMPLES);
          Path assignment = described.resolve(Assignment.FILE);
          if (flags.layers == null
              && fixturesRoot.equals(home.resolve("fixtures"))
              && Files.isRegularFile(assignment)) {
            FixtureSet fixtures =
                FixtureFiles.load(
                    fixturesRoot, Assignment.of(fixturesRoot, assignment), Visibility.values());
            spec.commandLine().getOut().println();
            exit =
                Math.max(
                    exit,
                    grade(described, fixtures, options, outFolder.resolve(DESCRIBED_EXAMPLES)));
          }
          return exit;
        });
  }

  /** Grades the example hand-ins in {@code examples} on {@code fixtures}; the batch's exit code. */
  private int grade(Path examples, FixtureSet fixtures, GradingOptions options, Path outFolder)
      throws IOException {
    List<Path> folders = exampleFolders(examples);
    if (folders.isEmpty()) {
      throw new UsageException("no example submissions found in " + examples);
    }
    spec.commandLine()
        .getOut()
        .println("Grading " + folders.size() + " example submissions from " + examples + " ...");
    MemorySizing.Sized sized = flags.fitMemory(options, folders.size());
    BatchGrading.createOutFolder(outFolder);
    IsolationSetup.Result isolation =
        flags.isolation(spec.commandLine().getErr(), home, outFolder, folders, sized);
    IntakeListener warnings = w -> spec.commandLine().getErr().println("grader: warning: " + w);
    try (Intake intake = new Intake(InputFormat.FOLDERS, warnings)) {
      return GradingRun.grade(
          Submissions.identify(folders, warnings),
          intake,
          flags.setup(fixtures, sized, isolation, outFolder),
          sized,
          spec.commandLine().getOut(),
          spec.commandLine().getErr());
    }
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
