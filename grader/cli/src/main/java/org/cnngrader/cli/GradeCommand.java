package org.cnngrader.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.cnngrader.fixture.FixtureSet;
import org.cnngrader.grading.GradingOptions;
import org.cnngrader.report.SummaryTable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code grader grade SUBMISSION... --out DIR}. */
@Command(
    name = "grade",
    mixinStandardHelpOptions = true,
    description =
        "Grades each SUBMISSION folder (its .java files; only src/main/java where it has one) on every"
            + " public and hidden fixture, and writes DIR/<submission>/results.json (Gradescope format) and"
            + " provenance.json. A submission's id is its folder's name.")
final class GradeCommand implements Callable<Integer>, GraderCommand.HomeAware {

  @Parameters(paramLabel = "SUBMISSION", arity = "1..*", description = "Submission folders.")
  List<Path> submissions;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "DIR",
      description = "Where results are written.")
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
          for (Path submission : submissions) {
            if (!Files.exists(submission)) {
              throw new UsageException("submission folder not found: " + submission);
            }
            if (!Files.isDirectory(submission)) {
              throw new UsageException("submission " + submission + " is a file, not a folder");
            }
          }
          if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new UsageException("--out " + out + " is a file, not a folder");
          }
          GradingOptions options = flags.options(home);
          FixtureSet fixtures = flags.loadFixtures(home);
          List<Submissions.Submission> identified =
              Submissions.identify(
                  submissions,
                  w ->
                      spec.commandLine()
                          .getErr()
                          .println(SummaryTable.printable("grader: warning: " + w)));
          BatchGrading.createOutFolder(out);
          IsolationSetup.Result isolation =
              flags.isolation(spec.commandLine().getErr(), home, out, submissions);
          return new BatchGrading(fixtures, options, isolation, out)
              .run(identified, spec.commandLine().getOut(), spec.commandLine().getErr());
        });
  }
}
