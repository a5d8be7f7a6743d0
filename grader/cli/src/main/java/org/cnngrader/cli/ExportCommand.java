package org.cnngrader.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.concurrent.Callable;
import org.cnngrader.fixture.Assignment;
import org.cnngrader.lms.CanvasGradebookCsv;
import org.cnngrader.lms.GradedRun;
import org.cnngrader.lms.Grades;
import org.cnngrader.lms.LmsFile;
import org.cnngrader.lms.MoodleGradesCsv;
import org.cnngrader.lms.NoCode;
import org.cnngrader.report.SpreadsheetCells;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code grader export canvas|moodle RESULTS_DIR --out FILE}: grades back into the LMS. */
@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    description =
        "Writes a results folder's grades as a file an LMS imports: canvas for Canvas's gradebook"
            + " import, moodle for Moodle's CSV grade import. A group submission gives each of"
            + " its students a row; a submission of which no code was graded (a link, a text"
            + " entry, only other files) and one the grader failed on get no row and are named"
            + " on stderr: the LMS keeps whatever grade it has.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:the file was written; what got no row is listed on stderr",
      "1:a fault of the grader itself or of the machine",
      "2:refused, nothing written (an existing FILE is left as it was): bad options, no results,"
          + " or a file the LMS would refuse or misread (see each export's --help)"
    },
    subcommands = {ExportCommand.Canvas.class, ExportCommand.Moodle.class})
final class ExportCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().getErr().println("grader: export what? canvas or moodle");
    spec.commandLine().usage(spec.commandLine().getErr());
    return ExitCode.USAGE;
  }

  /** What both exports take: the results to read, the file to write, and the points' scale. */
  static class Common {
    @Parameters(
        index = "0",
        paramLabel = "RESULTS_DIR",
        description = "The --out folder of grader grade (or grader merge).")
    Path results;

    @Option(
        names = "--out",
        required = true,
        paramLabel = "FILE",
        description = "The CSV file to write; an existing one is replaced.")
    Path out;

    @Option(
        names = "--points",
        paramLabel = "P",
        description =
            "Scale every score to P points (score / maximum x P, to hundredths), the"
                + " assignment's worth in the LMS. Default: the \"points\" of the fixtures'"
                + " assignment.json, else the points as graded (canvas warns; moodle refuses).")
    Double points;

    @Option(
        names = "--fixtures",
        paramLabel = "DIR",
        description =
            "The fixtures root the results were graded on, whose assignment.json may give the"
                + " assignment's points. Default: the repository's.")
    Path fixtures;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    Path home;

    Grades grades() throws IOException {
      if (points != null && (!(points > 0) || points.isInfinite())) {
        throw new UsageException("--points must be a number above 0, found " + points);
      }
      if (Files.isDirectory(out)) {
        throw new UsageException("--out " + out + " is a folder, not a file");
      }
      return Grades.of(GradedRun.read(results), scale());
    }

    /** --points, else the assignment file's points, else none: the points as graded. */
    private OptionalDouble scale() {
      if (points != null) {
        return OptionalDouble.of(points);
      }
      Path root = FixtureRoots.orDefault(fixtures, home);
      if (fixtures == null && !Files.isDirectory(root)) {
        return OptionalDouble.empty();
      }
      return Assignment.of(FixtureRoots.existing(fixtures, home)).points();
    }

    /**
     * Writes {@code file} whole or not at all, then tells the TA what it holds, {@code scale} (how
     * the LMS reads the grades' total), and what it lacks.
     */
    int write(LmsFile file, Grades grades, String lms, String scale) throws IOException {
      Path absolute = out.toAbsolutePath().normalize();
      Files.createDirectories(absolute.getParent());
      Path temporary = Files.createTempFile(absolute.getParent(), "." + absolute.getFileName(), "");
      try {
        Files.writeString(temporary, file.csv());
        Files.move(
            temporary,
            absolute,
            StandardCopyOption.REPLACE_EXISTING,
            StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(temporary);
      }
      PrintWriter stdout = spec.commandLine().getOut();
      stdout.printf(
          Locale.ROOT,
          "Wrote %s: %d %s out of %s points%s, for %s's import.%n",
          absolute,
          file.students(),
          file.students() == 1 ? "student" : "students",
          SpreadsheetCells.number(grades.pointsPossible()),
          grades.scaled() ? " (scaled)" : "",
          lms);
      stdout.println(scale);
      PrintWriter stderr = spec.commandLine().getErr();
      list(
          stderr,
          "not graded through a fault of the grader, no row (grade them again, then export)",
          grades.notGraded().stream().map(e -> e.id() + ": " + e.message()).toList());
      list(
          stderr,
          "with no code graded, no row (no grade was written; enter one by hand where due)",
          grades.noCode().stream().map(NoCode::describe).toList());
      list(stderr, "unmatched, no row (enter their grades by hand)", file.unmatched());
      list(
          stderr,
          "matched by name only (imported only if the name is exactly as in " + lms + ")",
          file.byNameOnly());
      return ExitCode.OK;
    }

    /** The total the grades are out of, as a message says it: "100". */
    static String total(Grades grades) {
      return SpreadsheetCells.number(grades.pointsPossible());
    }

    /** "42 unmatched, no row (...):" and one line per item; nothing when there is none. */
    private static void list(PrintWriter stream, String what, List<String> items) {
      if (items.isEmpty()) {
        return;
      }
      stream.println(items.size() + " " + what + ":");
      items.forEach(item -> stream.println("  " + item));
    }
  }

  @Command(
      name = "canvas",
      mixinStandardHelpOptions = true,
      description = {
        "Writes a CSV that Canvas's gradebook import (Grades, Import) takes as it is: the columns"
            + " Student, ID, SIS User ID, SIS Login ID, Section, then the assignment's column; a"
            + " Points Possible row; a row per student.",
        "Students of a Canvas download are matched by their Canvas user id; those of a"
            + " Gradescope export by their SID (as SIS User ID) and name; others by name, or"
            + " listed on stderr as unmatched.",
        "Canvas keeps an existing assignment's own points possible: stdout says what the"
            + " grades are out of, and a warning says when that is the grader's raw total."
      },
      exitCodeListHeading = "%nExit codes:%n",
      exitCodeList = {
        "0:the file was written; what got no row is listed on stderr",
        "1:a fault of the grader itself or of the machine",
        "2:refused, nothing written (an existing FILE is left as it was): bad options, no"
            + " results, an --assignment title Canvas drops (one containing \"Current Score\","
            + " \"Final Grade\", \"Override Score\" and the like), a student in two submissions,"
            + " submissions graded out of different totals without --points"
      })
  static final class Canvas extends Common implements Callable<Integer>, GraderCommand.HomeAware {

    @Override
    public void home(Path home) {
      this.home = home;
    }

    @Option(
        names = "--assignment",
        required = true,
        paramLabel = "\"NAME (ID)\"",
        description =
            "The assignment's column, as Canvas's own gradebook export heads it, e.g. \"HW3 Conv"
                + " (4242)\": Canvas matches the assignment by the id in brackets. Without one,"
                + " by exact title, or it creates a new assignment.")
    String assignment;

    @Override
    public Integer call() {
      return Guarded.run(
          spec,
          () -> {
            checkTitle();
            Grades grades = grades();
            warn(grades);
            return write(
                CanvasGradebookCsv.render(grades, assignment),
                grades,
                "Canvas",
                "Grades out of "
                    + total(grades)
                    + "; Canvas keeps the assignment's own points possible, so it must be "
                    + total(grades)
                    + " there.");
          });
    }

    /** Refuses a title that is no assignment's, or one Canvas's import would drop unread. */
    private void checkTitle() {
      if (assignment.isBlank() || CanvasGradebookCsv.STUDENT_COLUMNS.contains(assignment.strip())) {
        throw new UsageException(
            "--assignment must name the assignment, e.g. \"HW3 Conv (4242)\", found \""
                + assignment
                + "\"");
      }
      List<String> dropped = CanvasGradebookCsv.droppedFor(assignment);
      if (!dropped.isEmpty()) {
        throw new UsageException(
            "--assignment \""
                + assignment
                + "\" contains "
                + quoted(dropped)
                + ", and Canvas's gradebook import drops, without a word, every column whose"
                + " title contains "
                + quoted(CanvasGradebookCsv.DROPPED_TITLE_WORDS)
                + " (capitalised so, anywhere in the title: \"Unposted Final Grade\" too); give"
                + " the column another title before the id, e.g. \"HW3 Conv (4242)\": Canvas"
                + " matches the assignment by the id in brackets; nothing was written");
      }
    }

    /** What Canvas would take otherwise than the TA may think: raw points, a title without id. */
    private void warn(Grades grades) {
      PrintWriter stderr = spec.commandLine().getErr();
      if (!grades.scaled()) {
        stderr.println(
            "Warning: the grades are the grader's raw points, out of "
                + total(grades)
                + ": no --points, and no \"points\" in the fixtures' assignment.json; give"
                + " --points P, the assignment's points possible in Canvas.");
      }
      if (!CanvasGradebookCsv.namesId(assignment)) {
        stderr.println(
            "Warning: --assignment \""
                + assignment
                + "\" has no assignment id in brackets: Canvas matches it by exact title, or"
                + " creates a new assignment.");
      }
    }

    /** "\"A\", \"B\" or \"C\"". */
    private static String quoted(List<String> words) {
      List<String> each = words.stream().map(w -> "\"" + w + "\"").toList();
      return each.size() == 1
          ? each.get(0)
          : String.join(", ", each.subList(0, each.size() - 1))
              + " or "
              + each.get(each.size() - 1);
    }
  }

  @Command(
      name = "moodle",
      mixinStandardHelpOptions = true,
      description = {
        "Writes a CSV for Moodle's grade import (Grades, Import, CSV file): Full name, the user"
            + " field to map users by, and the grade column. Map the second column to that user"
            + " field and the third to the assignment.",
        "Moodle aborts a whole import on one user it cannot match: a student without the user"
            + " field (or a submission of no student) is refused up front, by name, and nothing"
            + " is written (exit 2).",
        "Moodle takes a grade as it is: it aborts a whole import on one grade above 100 (the"
            + " site's limit) and caps one above its grade item's maximum without a word. So the"
            + " grades must be out of a maximum you state, --points P or the \"points\" of the"
            + " fixtures' assignment.json, and none above it; stdout says the maximum the Moodle"
            + " grade item must have."
      },
      exitCodeListHeading = "%nExit codes:%n",
      exitCodeList = {
        "0:the file was written; what got no row is listed on stderr",
        "1:a fault of the grader itself or of the machine",
        "2:refused, nothing written (an existing FILE is left as it was): bad options, no"
            + " results, no maximum stated (neither --points nor the assignment file's"
            + " \"points\"), a grade above it, a student Moodle could not match, a student in"
            + " two submissions"
      })
  static final class Moodle extends Common implements Callable<Integer>, GraderCommand.HomeAware {

    @Override
    public void home(Path home) {
      this.home = home;
    }

    @Option(
        names = "--match",
        paramLabel = "FIELD",
        defaultValue = "email",
        description =
            "The user field to map students by: email (the email address, as Gradescope's"
                + " export gives it) or idnumber (the ID number, from Gradescope's SID)."
                + " Default: ${DEFAULT-VALUE}.")
    String match;

    @Option(
        names = "--column",
        paramLabel = "NAME",
        defaultValue = "Grade",
        description = "The grade column's heading. Default: ${DEFAULT-VALUE}.")
    String column;

    @Override
    public Integer call() {
      return Guarded.run(
          spec,
          () -> {
            MoodleGradesCsv.UserField field =
                MoodleGradesCsv.UserField.ofKey(match)
                    .orElseThrow(
                        () ->
                            new UsageException(
                                "--match must be one of "
                                    + MoodleGradesCsv.UserField.keys()
                                    + ", found \""
                                    + match
                                    + "\""));
            if (column.isBlank()) {
              throw new UsageException("--column must name the grade column");
            }
            Grades grades = grades();
            LmsFile file = MoodleGradesCsv.render(grades, field, column);
            warnAboveSiteLimit(grades);
            return write(
                file,
                grades,
                "Moodle",
                "Set the Moodle grade item's maximum grade to "
                    + total(grades)
                    + ": Moodle caps a grade above it without a word, and reads one out of a"
                    + " larger maximum as less.");
          });
    }

    /** Moodle refuses a grade above 100 unless its site allows more: the TA must know before. */
    private void warnAboveSiteLimit(Grades grades) {
      List<String> above = MoodleGradesCsv.aboveSiteLimit(grades);
      if (!above.isEmpty()) {
        spec.commandLine()
            .getErr()
            .println(
                "Warning: "
                    + above.size()
                    + (above.size() == 1 ? " grade is" : " grades are")
                    + " above 100, and Moodle refuses the whole import unless the site allows"
                    + " unlimited grades up to "
                    + total(grades)
                    + " (Site administration, Grades, General settings: unlimitedgrades,"
                    + " gradepointmax): "
                    + String.join("; ", above));
      }
    }
  }
}
