package org.cnngrader.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A TA's loop closed: a Canvas download graded, then exported for Canvas's gradebook import and
 * refused for Moodle's, which could match none of its students.
 */
class ExportCommandTest {

  @TempDir static Path shared;

  private static Path graded;

  @TempDir Path temp;

  private final CommandLineRun cli = new CommandLineRun();

  @BeforeAll
  static void gradeACanvasDownload() throws Exception {
    Path download = TestFiles.canvasDownload(shared.resolve("canvas"));
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
  }

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
            "Wrote " + csv + ": 2 students out of 100 points (scaled), for Canvas's import.\n");
    assertThat(cli.stderr()).isEmpty();
    // doejane 208 / 208 of conv2d; roeann's missing bias costs 50 of 208: 158 / 208 x 100.
    assertThat(TestFiles.csvRows(csv))
        .containsExactly(
            List.of("Student", "ID", "SIS User ID", "SIS Login ID", "Section", "HW3 Conv (4242)"),
            List.of("Points Possible", "", "", "", "", "100"),
            List.of("doejane", "1001", "", "", "", "100"),
            List.of("roeann", "1002", "", "", "", "75.96"));
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
            "Warning: --assignment \"HW3\" has no assignment id in brackets: Canvas matches it by"
                + " exact title, or creates a new assignment.\n");
    assertThat(TestFiles.csvRows(csv).get(1))
        .containsExactly("Points Possible", "", "", "", "", "208");

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
    // 158 / 208 x 50 = 37.98...
    assertThat(TestFiles.csvRows(csv).subList(1, 4))
        .containsExactly(
            List.of("Points Possible", "", "", "", "", "50"),
            List.of("doejane", "1001", "", "", "", "50"),
            List.of("roeann", "1002", "", "", "", "37.98"));
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
            """
            1 unmatched, no row (enter their grades by hand):
              submission loose: no student named (not from an LMS's export)
            """);
    assertThat(TestFiles.csvRows(csv)).hasSize(4);
  }

  @Test
  void moodleRefusesStudentsItCouldNotMatchAndWritesNothing() {
    Path csv = temp.resolve("moodle.csv");

    int code = cli.run("export", "moodle", graded.toString(), "--out", csv.toString());

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
}
