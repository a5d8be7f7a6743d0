package org.cnngrader.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.cnngrader.batch.BatchGrading;
import org.cnngrader.batch.Shard;
import org.cnngrader.batch.ShardRecord;
import org.cnngrader.fixture.FixtureSet;
import org.cnngrader.grading.GradingOptions;
import org.cnngrader.intake.InputFormat;
import org.cnngrader.intake.Intake;
import org.cnngrader.intake.IntakeListener;
import org.cnngrader.intake.Submissions;
import org.cnngrader.report.PrairieLearnResults;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code grader grade SUBMISSION... --out DIR}. */
@Command(
    name = "grade",
    mixinStandardHelpOptions = true,
    description =
        "Grades each SUBMISSION (a folder, or a .zip extracted safely; only src/main/java where it has"
            + " one) on every public and hidden fixture, and writes DIR/<submission>/results.json"
            + " (Gradescope format), provenance.json and reports, then DIR/gradebook.csv and"
            + " index.html. A submission's id is its folder's name, or the zip's without .zip. A"
            + " Gradescope export (a folder or zip holding submission_metadata.yml) or a Canvas"
            + " download (files named <name>_<user id>_<file id>_<file name>), given as SUBMISSION"
            + " or --batch DIR, is graded as its submissions, with the students' names (Canvas:"
            + " the squashed names of its file names), emails, LMS ids and late marks in the"
            + " gradebook.")
final class GradeCommand implements Callable<Integer>, GraderCommand.HomeAware {

  @Mixin SubmissionInputs inputs;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "DIR",
      description = "Where results are written.")
  Path out;

  @Option(
      names = "--shard",
      paramLabel = "I/N",
      description =
          "Grade only share I of N of the submissions (by sorted id), as one of N parallel CI jobs"
              + " (I = CI_NODE_INDEX, N = CI_NODE_TOTAL).")
  String shard;

  @Option(
      names = "--similarity",
      description =
          "Also compare every pair of submissions for similarity, as grader similarity does with"
              + " its defaults, into DIR/similarity/ (not with --shard: every submission must be"
              + " there).")
  boolean similarity;

  @Option(
      names = "--prairielearn",
      description =
          "Also write DIR/<submission>/prairielearn.json: the results in PrairieLearn's"
              + " external-grader format (what grader prairielearn's run script hands to"
              + " PrairieLearn).")
  boolean prairieLearn;

  @Option(
      names = "--compile-error",
      paramLabel = "POLICY",
      description =
          "With --prairielearn: what a hand-in that does not compile, or holds nothing to"
              + " compile, gets. ungradable: \"gradable\": false with the compiler's errors, no"
              + " points and no attempt used, as PrairieLearn's documentation advises for syntax"
              + " errors; grade: the layers that compile are graded and the attempt counts."
              + " Default: ungradable.")
  String compileError;

  /** The folder of DIR that --similarity writes its reports into. */
  static final String SIMILARITY_FOLDER = "similarity";

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
          InputFormat inputFormat = inputs.check();
          if (similarity && shard != null) {
            throw new UsageException(
                "--similarity needs every submission, not a shard: run grader similarity over the"
                    + " whole batch");
          }
          if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new UsageException("--out " + out + " is a file, not a folder");
          }
          Optional<PrairieLearnResults.CompileErrors> prairieLearnPolicy = prairieLearnPolicy();
          Shard share = shard == null ? Shard.ALL : parseShard(shard);
          GradingOptions options = flags.options(home);
          FixtureSet fixtures = flags.loadFixtures(home, options);
          PrintWriter err = spec.commandLine().getErr();
          PrintWriter stdout = spec.commandLine().getOut();
          IntakeListener warnings = SubmissionInputs.listener(stdout, err);
          try (Intake intake = new Intake(inputFormat, warnings)) {
            List<Submissions.Found> found = inputs.find(intake);
            List<Path> given = inputs.given();
            // Ids come from the whole batch, so that every shard names a submission alike.
            List<Submissions.Submission> all = Submissions.identifyFound(found, warnings);
            List<Submissions.Submission> mine = share.of(all);
            if (shard != null) {
              spec.commandLine()
                  .getOut()
                  .printf("Shard %s: %d of %d submissions%n", share, mine.size(), all.size());
            }
            MemorySizing.Sized sized = flags.fitMemory(options, mine.size());
            BatchGrading.createOutFolder(out);
            IsolationSetup.Result isolation =
                flags.isolation(err, home, out, inputFolders(given, found), sized);
            if (shard != null) {
              new ShardRecord(
                      share,
                      BuildFingerprint.current(),
                      fixtures.sha256(),
                      mine.stream().map(Submissions.Submission::id).toList())
                  .write(out);
            }
            int code =
                GradingRun.grade(
                    mine,
                    intake,
                    flags
                        .setup(fixtures, sized, isolation, out)
                        .withPrairieLearn(prairieLearnPolicy),
                    sized,
                    spec.commandLine().getOut(),
                    err);
            if (similarity) {
              checkSimilarity(inputFormat, found, stdout, err);
            }
            return code;
          }
        });
  }

  /**
   * The similarity check of {@code --similarity}, into DIR/similarity/: the submissions are taken
   * in afresh (grading may have left out those it graded before), without repeating intake's
   * warnings. A check that cannot run warns and leaves the grades as they are.
   */
  private void checkSimilarity(
      InputFormat inputFormat, List<Submissions.Found> found, PrintWriter stdout, PrintWriter err)
      throws java.io.IOException {
    IntakeListener quiet = message -> {};
    try (Intake again = new Intake(inputFormat, quiet)) {
      List<Submissions.Submission> takenIn = again.takeIn(Submissions.identifyFound(found, quiet));
      SimilarityRun.run(
          takenIn,
          SimilarityFlags.defaultBase(home),
          SimilarityFlags.DEFAULT_THRESHOLD,
          out.resolve(SIMILARITY_FOLDER),
          stdout);
    } catch (IllegalArgumentException e) {
      err.println("grader: warning: similarity not checked: " + e.getMessage());
    }
  }

  /** PrairieLearn's results and their policy for compile errors, when --prairielearn asks. */
  private Optional<PrairieLearnResults.CompileErrors> prairieLearnPolicy() {
    if (compileError != null && !prairieLearn) {
      throw new UsageException("--compile-error applies to --prairielearn's results only");
    }
    if (!prairieLearn) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          compileError == null
              ? PrairieLearnResults.CompileErrors.UNGRADABLE
              : PrairieLearnResults.CompileErrors.parse(compileError));
    } catch (IllegalArgumentException e) {
      throw new UsageException("--compile-error " + e.getMessage());
    }
  }

  private static Shard parseShard(String text) {
    try {
      return Shard.parse(text);
    } catch (IllegalArgumentException e) {
      throw new UsageException("--shard " + e.getMessage());
    }
  }

  /** The folders and zips handed in, whose access a level-2 sandbox takes from other users. */
  private static List<Path> inputFolders(List<Path> given, List<Submissions.Found> found) {
    List<Path> folders = new ArrayList<>(given);
    for (Submissions.Found one : found) {
      if (one.source() instanceof Submissions.Source.Folder folder) {
        folders.add(folder.path());
      } else if (one.source() instanceof Submissions.Source.Zip zip) {
        folders.add(zip.path());
      }
    }
    return folders;
  }
}
