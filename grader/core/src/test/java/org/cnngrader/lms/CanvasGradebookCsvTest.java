package org.cnngrader.lms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.cnngrader.lms.CanvasImportRules.Enrolled;
import org.cnngrader.report.Student;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CanvasGradebookCsvTest {

  private static final Enrolled JANE = new Enrolled("Jane Doe", "1001", "s-1", "jdoe");
  private static final Enrolled ANN = new Enrolled("Ann Lee", "1002", "s-2", "alee");
  private static final Enrolled BOB = new Enrolled("Bob Roe", "1003", "s-3", "broe");
  private static final Enrolled CY = new Enrolled("Cy Poe", "1004", "s-4", "cpoe");
  private static final List<Enrolled> ROSTER = List.of(JANE, ANN, BOB, CY);

  @TempDir Path temp;

  private Grades grades(ResultsFolder out, OptionalDouble points) throws Exception {
    return Grades.of(GradedRun.read(out.path()), points);
  }

  private ResultsFolder results() throws Exception {
    return new ResultsFolder(Files.createDirectories(temp.resolve("out")));
  }

  @Test
  void canvasReadsTheFileBackAsIsMatchingEveryStudentByTheIdsTheLmsGave() throws Exception {
    ResultsFolder out =
        results()
            .graded("doejane", 158, 208, Student.fromCanvas("doejane", "1001", true))
            .graded(
                "submission_7",
                208,
                208,
                Student.fromGradescope("Ann Lee", "ann@x.edu", "s-2"),
                Student.fromGradescope("Bob Roe", "bob@x.edu", "s-3"));

    LmsFile file = CanvasGradebookCsv.render(grades(out, OptionalDouble.of(20)), "HW3 Conv (4242)");
    CanvasImportRules.Imported imported = CanvasImportRules.read(file.csv(), ROSTER);

    assertThat(imported.assignmentId()).isEqualTo("4242");
    assertThat(imported.pointsPossible()).isEqualTo("20");
    // 158 / 208 x 20 = 15.19...; the group's two members get its 20.
    assertThat(imported.grades()).isEqualTo(Map.of(JANE, "15.19", ANN, "20", BOB, "20"));
    assertThat(imported.unmatched()).isEmpty();
    assertThat(file.students()).isEqualTo(3);
    assertThat(file.unmatched()).isEmpty();
    assertThat(file.byNameOnly()).isEmpty();
    assertThat(file.csv())
        .startsWith(
            """
            Student,ID,"SIS User ID","SIS Login ID",Section,"HW3 Conv (4242)"
            "Points Possible",,,,,20
            """);
  }

  @Test
  void aStudentWithoutAnIdIsMatchedByNameAndOneWithoutEitherIsListedNotDropped() throws Exception {
    ResultsFolder out =
        results()
            .graded("cy", 100, 208, new Student("Cy Poe", "", "", Student.IdKind.NONE, false))
            .graded("anon", 208, 208, Student.fromCanvas("", "anon_x7Kq2", false))
            .graded("folder-only", 208, 208);

    LmsFile file = CanvasGradebookCsv.render(grades(out, OptionalDouble.empty()), "HW3 (4242)");

    assertThat(CanvasImportRules.read(file.csv(), ROSTER).grades()).isEqualTo(Map.of(CY, "100"));
    assertThat(file.byNameOnly()).containsExactly("Cy Poe (submission cy)");
    assertThat(file.unmatched())
        .containsExactly(
            "submission folder-only: no student named (not from an LMS's export)",
            "submission anon: Canvas's anonymous id anon_x7Kq2 matches no student in a gradebook"
                + " import; import after anonymity is lifted");
  }

  @Test
  void aNameThatASpreadsheetWouldRunIsMadeInert() throws Exception {
    ResultsFolder out =
        results().graded("x", 1, 2, Student.fromGradescope("=HYPERLINK(\"a\")", "", "9"));

    String csv = CanvasGradebookCsv.render(grades(out, OptionalDouble.empty()), "A (1)").csv();

    assertThat(csv).contains("\n\"'=HYPERLINK(\"\"a\"\")\",,9,,,1\n");
  }

  @Test
  void anAssignmentColumnIsCheckedForTheIdCanvasMatchesBy() {
    assertThat(CanvasGradebookCsv.namesId("HW3 Conv (4242)")).isTrue();
    assertThat(CanvasGradebookCsv.namesId("HW3 Conv")).isFalse();
    assertThat(CanvasGradebookCsv.namesId("(4242)")).isFalse();
  }

  @Test
  void aStudentColumnIsNoAssignment() throws Exception {
    Grades grades = grades(results().graded("x", 1, 2), OptionalDouble.empty());

    assertThatThrownBy(() -> CanvasGradebookCsv.render(grades, "Section"))
        .hasMessage("\"Section\" is one of Canvas's student columns, not an assignment");
  }

  @Test
  void aTitleHoldingOneOfCanvassOwnTotalsIsRefusedAsCanvasWouldDropIt() throws Exception {
    Grades grades =
        grades(
            results().graded("cy", 208, 208, Student.fromCanvas("cypoe", "1004", false)),
            OptionalDouble.of(100));
    String header = "Student,ID,SIS User ID,SIS Login ID,Section,";
    String row = "\ncypoe,1004,,,,100\n";
    List<String> dropped =
        List.of(
            "Final Grade (1)",
            "Unposted Current Score (2)",
            "HW3 Current Points (3)",
            "Override Status (4)");
    List<String> kept = List.of("final grade (5)", "Final (6)", "Grade (7)", "Current (8)");

    for (String title : dropped) {
      assertThat(CanvasImportRules.read(header + title + row, ROSTER).columnDropped())
          .as(title)
          .isTrue();
      assertThat(CanvasGradebookCsv.droppedFor(title)).as(title).isNotEmpty();
    }
    for (String title : kept) {
      assertThat(CanvasImportRules.read(header + title + row, ROSTER).columnDropped())
          .as(title)
          .isFalse();
      assertThat(CanvasGradebookCsv.droppedFor(title)).as(title).isEmpty();
      assertThat(
              CanvasImportRules.read(CanvasGradebookCsv.render(grades, title).csv(), ROSTER)
                  .grades())
          .as(title)
          .isEqualTo(Map.of(CY, "100"));
    }
    assertThat(CanvasGradebookCsv.droppedFor("Unposted Final Score (9)"))
        .containsExactly("Final Score");
    assertThatThrownBy(() -> CanvasGradebookCsv.render(grades, "Final Grade (1)"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Canvas drops a column whose title contains [Final Grade]");
  }
}
