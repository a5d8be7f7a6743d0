package org.cnngrader.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.cnngrader.AssignmentTotals;
import org.cnngrader.report.Student;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A TA's loop closed: a Canvas download graded, then exported for Canvas's gradebook import and
 * refused for Moodle's, which could match none of its students. One student of the download handed
 * in a link, no code: no export gives them a row, and each lists them.
 */
class ExportCommandTest {

  /** The download is graded on Conv2d alone. */
  private static final AssignmentTotals CONV2D = AssignmentTotals.repository().layer("conv2d");

  private static final String MAX = CONV2D.pointsText();

  /** roeann's Conv2d without its bias. */
  private static final double ROEANN = CONV2D.points() - CONV2D.lostToAMissingBias().points();

  /** roeann's points scaled to {@code points}, as the exports round them: to the cent, half up. */
  private static String roeannScaledTo(int points) {
    return BigDecimal.valueOf(ROEANN / CONV2D.points() * points)
        .setScale(2, RoundingMode.HALF_UP)
        .stripTrailingZeros()
        .toPlainString();
  }

  @TempDir static Path shared;

  private static Path graded;

  @TempDir Path temp;

  private final CommandLineRun cli = new CommandLineRun();

  @BeforeAll
  static void gradeACanvasDownload() throws Exception {
    Path download = TestFiles.canvasDownload(shared.resolve("canvas"));
    // What Canvas's "Download Submissions" gives for a website URL entry.
    Files.writeString(
        download.resolve("poecarl_1003_link.html"),
        "<a href=\"https://github.com/poecarl/cnn\">https://github.com/poecarl/cnn</a>");
    graded = shared.resolve("out");
    CommandLineRun grading = new CommandLineRun();
    int code =
        grading.run(
            "grade",
            "--layers",
            "conv2d",
            "--batch",
            download.toString(),
            "--out",
            graded.toString());
    assertThat(code).as(grading.stderr()).isZero();
    assertThat(grading.stdout()).containsPattern("(?m)^poecarl +no code +" + MAX + " ");
  }

  private static final String NO_CODE_LISTED =
      """
      1 with no code graded, no row (no grade was written; enter one by hand where due):
        poecarl (submission poecarl): no .java file was handed in: only link.html in poecarl_1003_*
      """;

  private static final String RAW_POINTS_WARNING =
      "Warning: the grades are the grader's raw points, out of "
          + MAX
          + ": no --points, and no"
          + " \"points\" in the fixtures' assignment.json; give --points P, the assignment's"
          + " points possible in Canvas.\n";

  /** A copy of the graded run whose students are known by email, as Gradescope's export gives. */
  private Path runWithEmails() throws Exception {
    Path run = temp.resolve("emails");
    TestFiles.copyTree(graded, run);
    for (String[] student :
        List.of(
            new String[] {"doejane", "Jane Doe", "jane@x.edu", "s-1"},
            new String[] {"roeann", "Ann Roe", "ann@x.edu", "s-2"})) {
      ObjectNode provenance = JSON.createObjectNode();
      provenance.set(
          Student.PROVENANCE_FIELD,
          Student.toJson(List.of(Student.fromGradescope(student[1], student[2], student[3]))));
      Files.writeString(run.resolve(student[0]).resolve("provenance.json"), provenance.toString());
    }
    return run;
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void canvasGetsEveryStudentByUserIdWithThePointsScaledToTheAssignments() throws Exception {
    Path csv = temp.resolve("exports/canvas.csv");

    int code =
        cli.run(
            "export",
            "canvas",
            graded.toString(),
            "--assignment",
            "HW3 Conv (4242)",
            "--points",
            "100",
            "--out",
            csv.toString());

    assertThat(code).as(cli.stderr()).isZero();
    assertThat(cli.stdout())
        .isEqualTo(
            "Wrote "
                + csv
                + ": 2 students out of 100 points (scaled), for Canvas's import.\n"
                + "Grades out of 100; Canvas keeps the assignment's own points possible, so it"
                + " must be 100 there.\n");
    assertThat(cli.stderr()).isEqualTo(NO_CODE_LISTED);
    // doejane has every point of conv2d; roeann loses the forward values of the biased cases.
    assertThat(TestFiles.csvRows(csv))
        .containsExactly(
            List.of("Student", "ID", "SIS User ID", "SIS Login ID", "Section", "HW3 Conv (4242)"),
            List.of("Points Possible", "", "", "", "", "100"),
            List.of("doejane", "1001", "", "", "", "100"),
            List.of("roeann", "1002", "", "", "", roeannScaledTo(100)));
  }

  @Test
  void anAssignmentWithoutItsIdIsWrittenWithAWarningAndBadPointsAreAUsageError() throws Exception {
    Path csv = temp.resolve("canvas.csv");

    int code =
        cli.run(
            "export", "canvas", graded.toString(), "--assignment", "HW3", "--out", csv.toString());

    assertThat(code).isZero();
    assertThat(cli.stderr())
        .isEqualTo(
            RAW_POINTS_WARNING
                + "Warning: --assignment \"HW3\" has no assignment id in brackets: Canvas matches"
                + " it by exact title, or creates a new assignment.\n"
                + NO_CODE_LISTED);
    assertThat(cli.stdout())
        .endsWith(
            "Grades out of "
                + MAX
                + "; Canvas keeps the assignment's own points possible, so it must be "
                + MAX
                + " there.\n");
    assertThat(TestFiles.csvRows(csv).get(1))
        .containsExactly("Points Possible", "", "", "", "", MAX);

    CommandLineRun again = new CommandLineRun();
    int bad =
        again.run(
            "export",
            "canvas",
            graded.toString(),
            "--assignment",
            "A (1)",
            "--points",
            "-3",
            "--out",
            csv.toString());
    assertThat(bad).isEqualTo(ExitCode.USAGE);
    assertThat(again.stderr()).isEqualTo("grader: --points must be a number above 0, found -3.0\n");
  }

  @Test
  void theAssignmentFilesPointsScaleTheGradesWhenNoPointsAreGiven() throws Exception {
    Path root = Files.createDirectories(temp.resolve("fixtures"));
    Files.writeString(
        root.resolve("assignment.json"),
        "{\"layers\": [{\"id\": \"conv2d\", \"weight\": 1}], \"points\": 50}");
    Path csv = temp.resolve("canvas.csv");

    int code =
        cli.run(
            "export",
            "canvas",
            graded.toString(),
            "--assignment",
            "HW3 (4242)",
            "--fixtures",
            root.toString(),
            "--out",
            csv.toString());

    assertThat(code).as(cli.stderr()).isZero();
    assertThat(cli.stdout()).contains("2 students out of 50 points (scaled)");
    assertThat(cli.stderr()).isEqualTo(NO_CODE_LISTED);
    assertThat(TestFiles.csvRows(csv).subList(1, 4))
        .containsExactly(
            List.of("Points Possible", "", "", "", "", "50"),
            List.of("doejane", "1001", "", "", "", "50"),
            List.of("roeann", "1002", "", "", "", roeannScaledTo(50)));
  }

  @Test
  void aSubmissionOfNoStudentIsNamedOnStderrAndGetsNoRow() throws Exception {
    Path run = temp.resolve("run");
    TestFiles.copyTree(graded, run);
    TestFiles.copyTree(graded.resolve("doejane"), run.resolve("loose"));
    Files.writeString(run.resolve("loose/provenance.json"), "{\"students\": []}");
    Path csv = temp.resolve("canvas.csv");

    int code =
        cli.run(
            "export", "canvas", run.toString(), "--assignment", "A (1)", "--out", csv.toString());

    assertThat(code).as(cli.stderr()).isZero();
    assertThat(cli.stderr())
        .isEqualTo(
            RAW_POINTS_WARNING
                + NO_CODE_LISTED
                + """
                1 unmatched, no row (enter their grades by hand):
                  submission loose: no student named (not from an LMS's export)
                """);
    assertThat(TestFiles.csvRows(csv)).hasSize(4);
  }

  @Test
  void aTitleCanvasDropsIsRefusedNamingTheWordsAndAnEarlierFileIsLeftAsItWas() throws Exception {
    Path csv = Files.writeString(temp.resolve("canvas.csv"), "an earlier export\n");

    int code =
        cli.run(
            "export",
            "canvas",
            graded.toString(),
            "--assignment",
            "Final Grade (1)",
            "--points",
            "100",
            "--out",
            csv.toString());

    assertThat(code).isEqualTo(ExitCode.USAGE);
    assertThat(cli.stderr())
        .isEqualTo(
            "grader: --assignment \"Final Grade (1)\" contains \"Final Grade\", and Canvas's"
                + " gradebook import drops, without a word, every column whose title contains"
                + " \"Current Score\", \"Current Points\", \"Current Grade\", \"Final Score\","
                + " \"Final Points\", \"Final Grade\", \"Override Score\", \"Override Grade\" or"
                + " \"Override Status\" (capitalised so, anywhere in the title: \"Unposted Final"
                + " Grade\" too); give the column another title before the id, e.g. \"HW3 Conv"
                + " (4242)\": Canvas matches the assignment by the id in brackets; nothing was"
                + " written\n");
    assertThat(cli.stdout()).isEmpty();
    assertThat(csv).hasContent("an earlier export");
    assertThat(temp).isDirectoryNotContaining(path -> !path.equals(csv));
  }

  @Test
  void moodleWithoutAStatedMaximumRefusesNamingTheFlagAndTheFieldAndLeavesAnEarlierFile()
      throws Exception {
    Path csv = Files.writeString(temp.resolve("moodle.csv"), "an earlier export\n");

    int code = cli.run("export", "moodle", runWithEmails().toString(), "--out", csv.toString());

    assertThat(code).isEqualTo(ExitCode.USAGE);
    assertThat(cli.stderr())
        .isEqualTo(
            "grader: the grades are the grader's raw points, out of "
                + MAX
                + ", and Moodle takes a grade"
                + " as it is: it refuses a whole import with one grade above 100 and caps a grade"
                + " above its grade item's maximum without a word; give --points P, the grade"
                + " item's maximum grade in Moodle, or set \"points\" in the fixtures'"
                + " assignment.json (--fixtures DIR); nothing was written\n");
    assertThat(csv).hasContent("an earlier export");
  }

  @Test
  void moodleRefusesAGradeAboveTheStatedMaximumAndWritesNothing() throws Exception {
    Path run = runWithEmails();
    // Results that claim more than their maximum: every part at twice its points.
    Path resultsJson = run.resolve("doejane/results.json");
    ObjectNode results = (ObjectNode) JSON.readTree(resultsJson.toFile());
    results
        .withArray("tests")
        .forEach(t -> ((ObjectNode) t).put("score", 2 * t.get("max_score").asDouble()));
    Files.writeString(resultsJson, results.toString());
    Path csv = temp.resolve("moodle.csv");

    int code =
        cli.run("export", "moodle", run.toString(), "--points", "100", "--out", csv.toString());

    assertThat(code).isEqualTo(ExitCode.USAGE);
    assertThat(cli.stderr())
        .isEqualTo(
            "grader: 1 grade is above the maximum of 100 (--points, else the assignment file's"
                + " points), which Moodle would refuse or cap: Jane Doe (submission doejane): 200;"
                + " check their results; nothing was written\n");
    assertThat(csv).doesNotExist();
  }

  @Test
  void moodleSaysTheMaximumItsGradeItemMustHaveAndWarnsOfGradesAbove100() throws Exception {
    Path csv = temp.resolve("moodle.csv");

    int code =
        cli.run(
            "export",
            "moodle",
            runWithEmails().toString(),
            "--points",
            "150",
            "--out",
            csv.toString());

    assertThat(code).as(cli.stderr()).isZero();
    assertThat(cli.stdout())
        .isEqualTo(
            "Wrote "
                + csv
                + ": 2 students out of 150 points (scaled), for Moodle's import.\n"
                + "Set the Moodle grade item's maximum grade to 150: Moodle caps a grade above it"
                + " without a word, and reads one out of a larger maximum as less.\n");
    assertThat(cli.stderr())
        .isEqualTo(
            "Warning: 2 grades are above 100, and Moodle refuses the whole import unless the"
                + " site allows unlimited grades up to 150 (Site administration, Grades, General"
                + " settings: unlimitedgrades, gradepointmax): Jane Doe (submission doejane):"
                + " 150; Ann Roe (submission roeann): "
                + roeannScaledTo(150)
                + "\n"
                + NO_CODE_LISTED);
    // The link gets no row.
    assertThat(TestFiles.csvRows(csv))
        .containsExactly(
            List.of("Full name", "Email address", "Grade"),
            List.of("Jane Doe", "jane@x.edu", "150"),
            List.of("Ann Roe", "ann@x.edu", roeannScaledTo(150)));
  }

  @Test
  void moodleRefusesStudentsItCouldNotMatchAndWritesNothing() {
    Path csv = temp.resolve("moodle.csv");

    int code =
        cli.run("export", "moodle", graded.toString(), "--points", "100", "--out", csv.toString());

    assertThat(code).isEqualTo(ExitCode.USAGE);
    assertThat(cli.stderr())
        .startsWith(
            "grader: Moodle aborts a whole import on one user it cannot match, and 2 students"
                + " have no email address: doejane (submission doejane); roeann (submission"
                + " roeann);");
    assertThat(csv).doesNotExist();
  }

  @Test
  void aFolderThatHoldsNoResultsIsNamed() {
    int code =
        cli.run(
            "export",
            "canvas",
            temp.toString(),
            "--assignment",
            "A (1)",
            "--out",
            temp.resolve("x.csv").toString());

    assertThat(code).isEqualTo(ExitCode.USAGE);
    assertThat(cli.stderr()).startsWith("grader: " + temp + ": holds no graded submission");
  }

  @Test
  void eachExportsHelpListsItsExitCodesAndWhatItRefuses() {
    CommandLineRun canvas = new CommandLineRun();
    CommandLineRun moodle = new CommandLineRun();

    assertThat(canvas.run("export", "canvas", "--help")).isZero();
    assertThat(moodle.run("export", "moodle", "--help")).isZero();

    assertThat(canvas.stdout().replaceAll("\\s+", " "))
        .contains(
            "Exit codes: 0 the file was written; what got no row is listed on stderr 1 a fault of"
                + " the grader itself or of the machine 2 refused, nothing written (an existing"
                + " FILE is left as it was):")
        .contains("an --assignment title Canvas drops");
    assertThat(moodle.stdout().replaceAll("\\s+", " "))
        .contains("Exit codes: 0 the file was written;")
        .contains(
            "no maximum stated (neither --points nor the assignment file's \"points\"), a grade"
                + " above it");
  }
}
