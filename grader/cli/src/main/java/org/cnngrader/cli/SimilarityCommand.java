package org.cnngrader.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.cnngrader.intake.Intake;
import org.cnngrader.intake.IntakeListener;
import org.cnngrader.intake.Submissions;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code grader similarity SUBMISSION... [--batch DIR] --out DIR}: who shares code with whom. */
@Command(
    name = "similarity",
    mixinStandardHelpOptions = true,
    description = {
      "Compares every pair of submissions with JPlag, on this machine (no code is sent anywhere),"
          + " the handout's code as base code so that what every student was given does not"
          + " count, and writes into DIR: similarity.csv (first, second, similarity as a fraction,"
          + " matched_tokens; the most similar first), similarity.html (one self-contained page:"
          + " the pairs at or above --threshold, each with both submissions' files side by side"
          + " and the matched regions marked), jplag-report.zip (for JPlag's report viewer) and"
          + " dolos.zip (info.csv and the files, for Dolos: dolos run -l java dolos.zip).",
      "Inputs are read as grade reads them; only the .java files the compiler would take count."
    })
final class SimilarityCommand implements Callable<Integer>, GraderCommand.HomeAware {

  @Mixin SubmissionInputs inputs;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "DIR",
      description = "Where the reports are written.")
  Path out;

  @Mixin SimilarityFlags similarity;

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
          var format = inputs.check();
          if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new UsageException("--out " + out + " is a file, not a folder");
          }
          Optional<Path> base = similarity.base(home);
          double threshold = similarity.threshold();
          IntakeListener listener =
              SubmissionInputs.listener(spec.commandLine().getOut(), spec.commandLine().getErr());
          try (Intake intake = new Intake(format, listener)) {
            List<Submissions.Submission> all =
                Submissions.identifyFound(inputs.find(intake), listener);
            List<Submissions.Submission> takenIn = intake.takeIn(all);
            try {
              SimilarityRun.run(takenIn, base, threshold, out, spec.commandLine().getOut());
            } catch (IllegalArgumentException e) {
              throw new UsageException(e.getMessage());
            }
          }
          return ExitCode.OK;
        });
  }
}
