package org.cnngrader.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.cnngrader.handout.Handout;
import org.cnngrader.handout.HandoutRefusedException;
import org.cnngrader.report.GraderBuild;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code grader handout --out FILE}: the zip students receive. */
@Command(
    name = "handout",
    mixinStandardHelpOptions = true,
    description = {
      "Writes the zip students receive: the template, the public fixtures and the pre-submit check.",
      "The zip has a pom.xml of its own (plain `mvn test` runs the check on the public cases) and a"
          + " README for students. It is refused (exit 2), naming the file, when anything in it is a"
          + " hidden fixture, holds a hidden fixture's inputs, is a case list, a described"
          + " layer's reference module or an example solution. The same repository always gives"
          + " the same bytes."
    })
final class HandoutCommand implements Callable<Integer>, GraderCommand.HomeAware {

  @Option(
      names = "--out",
      required = true,
      paramLabel = "FILE",
      description = "The zip to write (replaced atomically if it exists).")
  Path out;

  @Option(
      names = "--fixtures",
      paramLabel = "DIR",
      description =
          "Fixtures root whose conv2d/public/ fixtures go into the handout. Default: the repository's.")
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
          if (Files.isDirectory(out)) {
            throw new UsageException("--out " + out + " is a folder, not a file");
          }
          Path root = FixtureRoots.existing(fixtures, home);
          Handout handout = Handout.fromRepository(home, root, GraderBuild.version());
          PrintWriter err = spec.commandLine().getErr();
          try {
            handout.writeZip(out);
          } catch (IOException e) {
            throw new UsageException("cannot write --out " + out + ": " + e);
          } catch (HandoutRefusedException e) {
            e.reasons().forEach(reason -> err.println("grader: " + reason));
            err.println("grader: " + e.getMessage() + "; nothing was written to " + out);
            return ExitCode.USAGE;
          }
          spec.commandLine()
              .getOut()
              .printf(
                  "Wrote %s: %d files in a folder %s/, %d of them public fixtures.%n"
                      + "Checked: no file in it is, or holds the inputs of, one of the %d hidden"
                      + " fixtures, and none is a case list or one of the %d files of example"
                      + " solutions.%n",
                  out,
                  handout.entries().size(),
                  Handout.topFolder(out),
                  handout.publicFixtures(),
                  handout.hiddenFixturesCompared(),
                  handout.exampleSolutionFilesCompared());
          return ExitCode.OK;
        });
  }
}
