package org.cnngrader.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.cnngrader.bundle.GraderFiles;
import org.cnngrader.fixture.FixtureSet;
import org.cnngrader.fixture.Visibility;
import org.cnngrader.prairielearn.PrairieLearnBundle;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code grader prairielearn --out DIR}: the external grader a PrairieLearn course keeps. */
@Command(
    name = "prairielearn",
    mixinStandardHelpOptions = true,
    description = {
      "Writes the folder a PrairieLearn course puts in serverFilesCourse/: an executable run"
          + " (the question's external-grading entrypoint), the grader's jars without ND4J, and"
          + " the fixtures (public and hidden) with the static check's policy. run grades"
          + " $PL_GRADE_ROOT/student (default /grade/student) and writes"
          + " $PL_GRADE_ROOT/results/results.json in PrairieLearn's format; when the grader itself"
          + " fails it writes \"gradable\": false, which costs the student no attempt, and"
          + " exits 0 so that PrairieLearn reads it.",
      "It runs on the JDK of PrairieLearn's Java image (prairielearn/grader-java, JDK 25) or any"
          + " JDK 17 or newer."
    })
final class PrairieLearnCommand implements Callable<Integer>, GraderCommand.HomeAware {

  /** The folder of a PrairieLearn course that {@code externalGradingOptions} names files in. */
  static final String COURSE_FOLDER = "serverFilesCourse";

  /** The bundle's folder in serverFilesCourse/ when --out is not in a course's. */
  static final String DEFAULT_FOLDER = "cnn-grader";

  /**
   * The question's info.json settings that run this grader, for the course to paste: the bundle's
   * folder relative to serverFilesCourse/, and values PrairieLearn's schema takes ({@code
   * environment}'s are strings, {@code timeout} at most 600 s).
   */
  static final String INFO_JSON =
      """
        "gradingMethod": "External",
        "externalGradingOptions": {
          "enabled": true,
          "image": "prairielearn/grader-java",
          "serverFilesCourse": ["%1$s/"],
          "entrypoint": "/grade/serverFilesCourse/%1$s/run",
          "timeout": 120,
          "environment": { "GRADER_COMPILE_ERROR": "ungradable" }
        }
      """;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "DIR",
      description =
          "The folder to write, e.g. serverFilesCourse/cnn-grader of the course; an earlier bundle"
              + " there is replaced whole, any other non-empty folder refused.")
  Path out;

  @Option(
      names = "--fixtures",
      paramLabel = "DIR",
      description =
          "Fixtures root to bundle, laid out like fixtures/ (<layer>/public, <layer>/hidden,"
              + " assignment.json, policy.json). Default: the repository's.")
  Path fixtures;

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
          Path root = FixtureRoots.existing(fixtures, home);
          if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new UsageException("--out " + out + " is a file, not a folder");
          }
          FixtureSet checked = FixtureRoots.loadedForBundle(root);
          PrairieLearnBundle bundle = PrairieLearnBundle.of(root);
          try {
            bundle.writeTo(out);
          } catch (IllegalArgumentException e) {
            throw new UsageException("--out " + e.getMessage());
          }
          report(spec.commandLine().getOut(), bundle, checked);
          return ExitCode.OK;
        });
  }

  private void report(PrintWriter stdout, PrairieLearnBundle bundle, FixtureSet fixtures) {
    Path absolute = out.toAbsolutePath().normalize();
    long libraries =
        bundle.paths().stream().filter(p -> p.startsWith(GraderFiles.LIBRARIES + "/")).count();
    stdout.printf(
        "Wrote %s: %s, %d libraries (no ND4J), %d public and %d hidden fixtures.%n",
        absolute,
        PrairieLearnBundle.RUN,
        libraries,
        fixtures.only(Visibility.PUBLIC).fixtures().size(),
        fixtures.only(Visibility.HIDDEN).fixtures().size());
    String name = inCourse(absolute).orElse(DEFAULT_FOLDER);
    stdout.println(
        "Keep it in the course's "
            + COURSE_FOLDER
            + "/"
            + name
            + "/, and give each question's info.json:");
    stdout.print(String.format(INFO_JSON, name));
    stdout.println("See docs/prairielearn.md.");
  }

  /**
   * The bundle's path below the nearest folder named serverFilesCourse above it, with forward
   * slashes as info.json wants them; empty when it is not in one.
   */
  static Optional<String> inCourse(Path bundle) {
    for (Path folder = bundle.getParent(); folder != null; folder = folder.getParent()) {
      Path name = folder.getFileName();
      if (name != null && name.toString().equals(COURSE_FOLDER)) {
        return Optional.of(folder.relativize(bundle).toString().replace('\\', '/'));
      }
    }
    return Optional.empty();
  }
}
