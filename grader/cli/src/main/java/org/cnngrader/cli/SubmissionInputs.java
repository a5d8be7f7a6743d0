package org.cnngrader.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.cnngrader.intake.InputFormat;
import org.cnngrader.intake.Intake;
import org.cnngrader.intake.IntakeListener;
import org.cnngrader.intake.Reading;
import org.cnngrader.intake.Submissions;
import org.cnngrader.report.SummaryTable;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The submissions a command reads ({@code grade}, {@code similarity}): SUBMISSION folders and zips,
 * {@code --batch} folders, and how they are read ({@code --format}).
 */
final class SubmissionInputs {

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

  /**
   * Checks that inputs were given and each is what it should be; returns how they are read.
   *
   * @throws UsageException naming the input at fault
   */
  InputFormat check() {
    if (submissions.isEmpty() && batches.isEmpty()) {
      throw new UsageException("no submission given: name folders or zips, or --batch DIR");
    }
    for (Path submission : submissions) {
      if (!Files.exists(submission)) {
        throw new UsageException("submission not found: " + submission);
      }
      if (!Files.isDirectory(submission) && !Submissions.isZip(submission)) {
        throw new UsageException("submission " + submission + " is a file, not a folder or a .zip");
      }
    }
    for (Path batch : batches) {
      if (!Files.isDirectory(batch)) {
        throw new UsageException("--batch " + batch + " is not a folder");
      }
    }
    return InputFormat.ofKey(format)
        .orElseThrow(
            () ->
                new UsageException(
                    "--format must be one of " + InputFormat.keys() + ", found '" + format + "'"));
  }

  /** Every input given, SUBMISSIONs then --batch folders. */
  List<Path> given() {
    List<Path> given = new ArrayList<>(submissions);
    given.addAll(batches);
    return given;
  }

  /**
   * The submissions the inputs hold.
   *
   * @throws UsageException when they hold none
   */
  List<Submissions.Found> find(Intake intake) {
    List<Submissions.Found> found = intake.find(submissions, batches);
    if (found.isEmpty()) {
      throw new UsageException("no submission found in " + given());
    }
    return found;
  }

  /** Warnings on stderr; what each input was read as on stdout. */
  static IntakeListener listener(PrintWriter stdout, PrintWriter err) {
    return new IntakeListener() {
      @Override
      public void warning(String message) {
        err.println(SummaryTable.printable("grader: warning: " + message));
      }

      @Override
      public void read(Reading reading) {
        stdout.println(SummaryTable.printable(describe(reading)));
      }
    };
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
}
