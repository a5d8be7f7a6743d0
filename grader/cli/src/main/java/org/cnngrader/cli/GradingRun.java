package org.cnngrader.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import org.cnngrader.fixture.FixtureSet;
import org.cnngrader.grading.GradingOptions;
import org.cnngrader.grading.SubmissionGrader;
import org.cnngrader.report.ResultsWriter;

/**
 * One run of grade or demo into an output folder: locks the folder, keeps what an earlier run
 * graded under the same key, takes in and grades the rest.
 */
final class GradingRun {

  private GradingRun() {}

  /** What the run grades with. */
  record Setup(
      FixtureSet fixtures,
      GradingOptions options,
      IsolationSetup.Result isolation,
      Path outFolder,
      int jobs,
      boolean force) {}

  /** Returns the exit code of {@link BatchGrading#run}. */
  @SuppressWarnings("try") // the lock is held for the body's length, not used in it
  static int grade(
      List<Submissions.Submission> submissions,
      Intake intake,
      Setup setup,
      PrintWriter out,
      PrintWriter err)
      throws IOException {
    out.println(
        "Sandbox: "
            + setup.isolation().isolation().level().key()
            + " (level "
            + setup.isolation().isolation().level().number()
            + ": "
            + setup.isolation().isolation().level().description()
            + ")");
    GradingOptions options = setup.options();
    if (options.randomCases().any()) {
      out.printf(
          "Random cases: %d hidden cases per layer drawn from seed %d (--seed %d draws them again; a run"
              + " without it draws others and grades every submission again)%n",
          options.randomCases().count(),
          options.randomCases().seed(),
          options.randomCases().seed());
    }
    if (options.limits().callTimeout().compareTo(options.limits().submissionTimeout()) > 0) {
      err.println(
          "grader: note: --call-timeout is longer than --submission-timeout, which therefore"
              + " bounds every call");
    }
    try (RunLock lock = RunLock.acquire(setup.outFolder())) {
      RunKeys keys = new RunKeys(setup.fixtures(), options, setup.isolation().isolation().level());
      ResumePlan plan = ResumePlan.of(submissions, keys, setup.outFolder(), setup.force());
      plan =
          plan.takenIn(
              intake.takeIn(plan.toGrade().stream().map(ResumePlan.Planned::submission).toList()));
      SubmissionGrader grader =
          new SubmissionGrader(setup.fixtures(), options, setup.isolation().sandbox());
      BatchGrading.Grader grading =
          submission ->
              submission.rejected() != null
                  ? grader.rejected(submission.id(), submission.rejected())
                  : grader.grade(submission.id(), submission.folder());
      ResultsWriter writer =
          new ResultsWriter(setup.fixtures(), options, setup.isolation().isolation());
      return new BatchGrading(grading, writer, setup.outFolder(), setup.jobs()).run(plan, out, err);
    }
  }
}
