package org.cnngrader.batch;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.cnngrader.fixture.FixtureSet;
import org.cnngrader.grading.GradingOptions;
import org.cnngrader.grading.SubmissionGrader;
import org.cnngrader.intake.Intake;
import org.cnngrader.intake.Submissions.Submission;
import org.cnngrader.report.PrairieLearnResults;
import org.cnngrader.report.ResultsWriter;
import org.cnngrader.sandbox.Isolation;
import org.cnngrader.sandbox.Sandbox;

/**
 * One run of the grader into an output folder: locks the folder, keeps what an earlier run graded
 * under the same key, takes in and grades the rest.
 */
public final class BatchRun {

  /**
   * What a run grades with: the fixtures, the options, the sandbox and how it isolates, the output
   * folder, how many submissions at a time, whether earlier results are graded again ({@code
   * force}), and the fingerprint of the grader build that grades ({@code build}, part of every
   * submission's key).
   */
  public record Setup(
      FixtureSet fixtures,
      GradingOptions options,
      Sandbox sandbox,
      Isolation isolation,
      Path outFolder,
      int jobs,
      boolean force,
      String build,
      Optional<PrairieLearnResults.CompileErrors> prairieLearn) {

    /**
     * The same setup, writing PrairieLearn's results beside Gradescope's when {@code wanted} is
     * present, with its policy for hand-ins that do not compile.
     */
    public Setup withPrairieLearn(Optional<PrairieLearnResults.CompileErrors> wanted) {
      return new Setup(
          fixtures, options, sandbox, isolation, outFolder, jobs, force, build, wanted);
    }
  }

  private BatchRun() {}

  /**
   * Grades {@code submissions}, found by {@code intake}, into the setup's output folder.
   *
   * @throws org.cnngrader.intake.RefusedInputException when another run holds the folder
   */
  @SuppressWarnings("try") // the lock is held for the body's length, not used in it
  public static BatchReport grade(
      List<Submission> submissions, Intake intake, Setup setup, BatchListener listener)
      throws IOException {
    try (RunLock lock = RunLock.acquire(setup.outFolder())) {
      RunKeys keys =
          new RunKeys(setup.build(), setup.fixtures(), setup.options(), setup.isolation().level());
      ResumePlan plan =
          ResumePlan.of(
              submissions,
              keys,
              setup.outFolder(),
              setup.force(),
              setup.prairieLearn().isPresent() ? List.of(PrairieLearnResults.FILE) : List.of());
      plan =
          plan.takenIn(
              intake.takeIn(plan.toGrade().stream().map(ResumePlan.Planned::submission).toList()));
      SubmissionGrader grader =
          new SubmissionGrader(setup.fixtures(), setup.options(), setup.sandbox());
      BatchGrading.Grader grading =
          submission ->
              submission.rejected() != null
                  ? grader.rejected(submission.id(), submission.rejected())
                  : grader.grade(submission.id(), submission.folder());
      ResultsWriter writer =
          new ResultsWriter(setup.fixtures(), setup.options(), setup.isolation())
              .withPrairieLearn(setup.prairieLearn());
      return new BatchGrading(grading, writer, setup.outFolder(), setup.jobs()).run(plan, listener);
    }
  }
}
