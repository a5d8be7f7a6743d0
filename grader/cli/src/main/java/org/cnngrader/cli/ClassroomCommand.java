package org.cnngrader.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.cnngrader.handout.ClassroomTemplate;
import org.cnngrader.handout.HandoutRefusedException;
import org.cnngrader.report.GraderBuild;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code grader classroom --out DIR}: a GitHub Classroom template repository. */
@Command(
    name = "classroom",
    mixinStandardHelpOptions = true,
    description = {
      "Writes the files of a GitHub Classroom template repository: the handout at its root (the"
          + " same files as `grader handout`) and .github/workflows/classroom.yml, which runs the"
          + " pre-submit check on every push and sends each layer's points on the public cases to"
          + " Classroom through its grading reporter. Hidden cases stay with you: grade the"
          + " students' repositories with `grader grade --batch`.",
      "DIR must be new, empty, or a clone of an empty repository (nothing but .git). It is"
          + " refused (exit 2), naming the file, when anything in it is a hidden fixture, holds a"
          + " hidden fixture's inputs, is a case list or is an example solution."
    })
final class ClassroomCommand implements Callable<Integer>, GraderCommand.HomeAware {

  @Option(
      names = "--out",
      required = true,
      paramLabel = "DIR",
      description = "The folder to write the repository's files into.")
  Path out;

  @Option(
      names = "--fixtures",
      paramLabel = "DIR",
      description =
          "Fixtures root whose public fixtures go into the repository. Default: the repository's.")
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
          if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new UsageException("--out " + out + " is a file, not a folder");
          }
          Path root = FixtureRoots.existing(fixtures, home);
          ClassroomTemplate template =
              ClassroomTemplate.fromRepository(home, root, GraderBuild.version());
          PrintWriter err = spec.commandLine().getErr();
          try {
            template.writeTo(out);
          } catch (IllegalArgumentException e) {
            throw new UsageException("--out " + e.getMessage());
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
                  "Wrote %s: %d files, %d of them public fixtures, and the workflow"
                      + " .github/workflows/classroom.yml (points on the public cases: %s).%n"
                      + "Checked: no file in it is, or holds the inputs of, one of the %d hidden"
                      + " fixtures, and none is a case list or one of the %d files of example"
                      + " solutions.%n"
                      + "Push it to a repository, mark it as a template, and choose it in the"
                      + " Classroom assignment; add no autograding tests there.%n",
                  out,
                  template.entries().size(),
                  template.handout().publicFixtures(),
                  template.points(),
                  template.handout().hiddenFixturesCompared(),
                  template.handout().exampleSolutionFilesCompared());
          return ExitCode.OK;
        });
  }
}
