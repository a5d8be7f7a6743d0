package org.cnngrader.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.cnngrader.fixture.FixtureSet;
import org.cnngrader.fixture.Visibility;
import org.cnngrader.gradescope.AutograderBundle;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code grader gradescope --out FILE}: the autograder zip to upload to Gradescope. */
@Command(
    name = "gradescope",
    mixinStandardHelpOptions = true,
    description =
        "Builds a Gradescope autograder zip: setup.sh and run_autograder at its root, the grader's"
            + " jars without ND4J, and the fixtures (public and hidden) with the static check's"
            + " policy. Upload it as the autograder of a programming assignment (base image Ubuntu"
            + " 22.04); run_autograder grades /autograder/submission.")
final class GradescopeCommand implements Callable<Integer>, GraderCommand.HomeAware {

  @Option(
      names = "--out",
      required = true,
      paramLabel = "FILE",
      description = "The zip to write; an existing one is replaced whole.")
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
          if (Files.isDirectory(out)) {
            throw new UsageException("--out " + out + " is a folder, not a file");
          }
          FixtureSet checked = FixtureRoots.loadedForBundle(root);
          createParent(out);
          AutograderBundle bundle = AutograderBundle.of(root);
          bundle.writeTo(out);
          report(spec.commandLine().getOut(), bundle, checked, Files.size(out));
          return ExitCode.OK;
        });
  }

  private static void createParent(Path file) {
    Path parent = file.toAbsolutePath().getParent();
    try {
      Files.createDirectories(parent);
    } catch (IOException e) {
      throw new UsageException("cannot create the folder of --out " + file + ": " + e);
    }
  }

  private void report(PrintWriter stdout, AutograderBundle bundle, FixtureSet fixtures, long size) {
    List<String> paths = bundle.paths();
    long libraries =
        paths.stream().filter(p -> p.startsWith(AutograderBundle.LIBRARIES + "/")).count();
    boolean policy = paths.stream().anyMatch(p -> p.endsWith("/" + AutograderBundle.POLICY));
    stdout.printf(
        Locale.ROOT,
        "Wrote %s (%.1f MiB): %s and %s, %d libraries (no ND4J), %d public and %d hidden"
            + " fixtures%s.%n",
        out.toAbsolutePath().normalize(),
        size / (1024.0 * 1024),
        AutograderBundle.SETUP,
        AutograderBundle.RUN,
        libraries,
        fixtures.only(Visibility.PUBLIC).fixtures().size(),
        fixtures.only(Visibility.HIDDEN).fixtures().size(),
        policy ? ", " + AutograderBundle.POLICY : " (no policy.json: every finding warns)");
    stdout.println(
        "Upload it as a programming assignment's autograder on Gradescope (base image Ubuntu"
            + " 22.04); see docs/gradescope.md.");
  }
}
