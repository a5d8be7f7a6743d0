package org.cnngrader.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.cnngrader.batch.BatchGrading;
import org.cnngrader.batch.Shard;
import org.cnngrader.batch.ShardRecord;
import org.cnngrader.fixture.FixtureSet;
import org.cnngrader.grading.GradingOptions;
import org.cnngrader.intake.InputFormat;
import org.cnngrader.intake.Intake;
import org.cnngrader.intake.IntakeListener;
import org.cnngrader.intake.Reading;
import org.cnngrader.intake.Submissions;
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

  @Parameters(
      paramLabel = "SUBMISSION",
      arity = "0..*",
      description =
          "Submission folders or zips, Gradescope exports (folder or zip) or Canvas downloads.")
  List<Path> submissions = new ArrayList<>();

  @Option(
      names = "--batch",
      paramLabel = "DIR",
      description =
          "A folder each of whose children is a submission (a folder or a .zip), or a Gradescope"
              + " export or Canvas download; may be repeated.")
  List<Path> batches = new ArrayList<>();

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      description =
          "How SUBMISSION and --batch inputs are read: auto (each as it looks: a folder or zip"
              + " holding submission_metadata.yml is a Gradescope export, one whose files are all"
              + " named as in a Canvas download is that, anything else plain submissions),"
              + " folders (plain submissions only), gradescope (every input a Gradescope export,"
              + " with or without its metadata) or canvas (every input a Canvas download)."
              + " Default: ${DEFAULT-VALUE}.",
      defaultValue = "auto")
  String format;

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
          if (submissions.isEmpty() && batches.isEmpty()) {
            throw new UsageException("no submission given: name folders or zips, or --batch DIR");
          }
          for (Path submission : submissions) {
            if (!Files.exists(submission)) {
              throw new UsageException("submission not found: " + submission);
            }
            if (!Files.isDirectory(submission) && !Submissions.isZip(submission)) {
              throw new UsageException(
                  "submission " + submission + " is a file, not a folder or a .zip");
            }
          }
          for (Path batch : batches) {
            if (!Files.isDirectory(batch)) {
              throw new UsageException("--batch " + batch + " is not a folder");
            }
          }
          if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new UsageException("--out " + out + " is a file, not a folder");
          }
          InputFormat inputFormat =
              InputFormat.ofKey(format)
                  .orElseThrow(
                      () ->
                          new UsageException(
                              "--format must be one of "
                                  + InputFormat.keys()
                                  + ", found '"
                                  + format
                                  + "'"));
          Shard share = shard == null ? Shard.ALL : parseShard(shard);
          GradingOptions options = flags.options(home);
          FixtureSet fixtures = flags.loadFixtures(home, options);
          PrintWriter err = spec.commandLine().getErr();
          PrintWriter stdout = spec.commandLine().getOut();
          IntakeListener warnings =
              new IntakeListener() {
                @Override
                public void warning(String message) {
                  err.println(SummaryTable.printable("grader: warning: " + message));
                }

                @Override
                public void read(Reading reading) {
                  stdout.println(SummaryTable.printable(describe(reading)));
                }
              };
          try (Intake intake = new Intake(inputFormat, warnings)) {
            List<Submissions.Found> found = intake.find(submissions, batches);
            List<Path> given = new ArrayList<>(submissions);
            given.addAll(batches);
            if (found.isEmpty()) {
              throw new UsageException("no submission found in " + given);
            }
            // Ids come from the whole batch, so that every shard names a submission alike.
            List<Submissions.Submission> all = Submissions.identifyFound(found, warnings);
            List<Submissions.Submission> mine = share.of(all);
            if (shard != null) {
              spec.commandLine()
                  .getOut()
                  .printf("Shard %s: %d of %d submissions%n", share, mine.size(), all.size());
            }
            BatchGrading.createOutFolder(out);
            IsolationSetup.Result isolation =
                flags.isolation(err, home, out, inputFolders(given, found));
            if (shard != null) {
              new ShardRecord(
                      share,
                      BuildFingerprint.current(),
                      fixtures.sha256(),
                      mine.stream().map(Submissions.Submission::id).toList())
                  .write(out);
            }
            return GradingRun.grade(
                mine,
                intake,
                flags.setup(fixtures, options, isolation, out),
                spec.commandLine().getOut(),
                err);
          }
        });
  }

  /**
   * "Read canvas/ as a Canvas download: 5 submissions, 5 students, 1 late.", "Read hand-ins/ as a
   * folder of 42 submissions."
   */
  static String describe(Reading reading) {
    String submissions = count(reading.submissions(), "submission");
    return switch (reading.format()) {
      case GRADESCOPE, CANVAS ->
          String.format(
              "Read %s as a %s: %s, %s%s.",
              reading.input(),
              reading.format() == InputFormat.CANVAS ? "Canvas download" : "Gradescope export",
              submissions,
              count(reading.students(), "student"),
              reading.late() > 0 ? ", " + reading.late() + " late" : "");
      default -> "Read " + reading.input() + " as a folder of " + submissions + ".";
    };
  }

  private static String count(int n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
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
