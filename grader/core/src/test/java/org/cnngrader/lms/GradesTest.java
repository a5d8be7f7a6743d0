package org.cnngrader.lms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalDouble;
import org.cnngrader.intake.RefusedInputException;
import org.cnngrader.report.Student;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GradesTest {

  @TempDir Path temp;

  private ResultsFolder results() throws Exception {
    return new ResultsFolder(Files.createDirectories(temp.resolve("out")));
  }

  @Test
  void everyMemberOfAGroupGetsTheGroupsGradeAndASubmissionOfNoStudentIsListedApart()
      throws Exception {
    ResultsFolder out =
        results()
            .graded(
                "g1",
                150,
                208,
                Student.fromGradescope("Ann Lee", "ann@x.edu", "1002"),
                Student.fromGradescope("Bob Roe", "bob@x.edu", "1003"))
            .graded("loose", 208, 208)
            .failed("broken", "disk full");

    Grades grades = Grades.of(GradedRun.read(out.path()), OptionalDouble.empty());

    assertThat(grades.grades())
        .extracting(g -> g.student().name(), StudentGrade::submission, StudentGrade::points)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("Ann Lee", "g1", 150.0),
            org.assertj.core.groups.Tuple.tuple("Bob Roe", "g1", 150.0));
    assertThat(grades.pointsPossible()).isEqualTo(208);
    assertThat(grades.scaled()).isFalse();
    assertThat(grades.withoutStudents()).containsExactly("loose");
    assertThat(grades.notGraded()).extracting(e -> e.id()).containsExactly("broken");
  }

  @Test
  void aSubmissionOfWhichNoCodeWasGradedIsNoGradeAndIsListedWithWhy() throws Exception {
    ResultsFolder out =
        results()
            .graded("doejane", 208, 208, Student.fromCanvas("doejane", "1001", false))
            .noCode(
                "roeann",
                "no .java file was handed in: only link.html in roeann_1002_*",
                Student.fromCanvas("roeann", "1002", false))
            .noCode("loose", "nothing was handed in: no file in loose/");

    Grades grades = Grades.of(GradedRun.read(out.path()), OptionalDouble.of(100));

    assertThat(grades.grades()).extracting(StudentGrade::submission).containsExactly("doejane");
    assertThat(grades.withoutStudents()).isEmpty();
    assertThat(grades.noCode())
        .extracting(NoCode::describe)
        .containsExactly(
            "submission loose: nothing was handed in: no file in loose/",
            "roeann (submission roeann): no .java file was handed in: only link.html in"
                + " roeann_1002_*");
  }

  @Test
  void pointsScaleEachScoreToTheAssignmentsWorthInHundredths() throws Exception {
    ResultsFolder out =
        results()
            .graded("a", 158, 208, Student.fromCanvas("doejane", "1001", false))
            .graded("b", 100, 104, Student.fromCanvas("roeann", "1002", true));

    Grades grades = Grades.of(GradedRun.read(out.path()), OptionalDouble.of(10));

    // 158 / 208 x 10 = 7.596..., 100 / 104 x 10 = 9.615...
    assertThat(grades.grades()).extracting(StudentGrade::points).containsExactly(7.6, 9.62);
    assertThat(grades.pointsPossible()).isEqualTo(10);
    assertThat(grades.scaled()).isTrue();
  }

  @Test
  void differentTotalsWithoutPointsAreRefusedWithTheTotalsAndWhereTheyAre() throws Exception {
    ResultsFolder out =
        results()
            .graded("a", 158, 208, Student.fromCanvas("doejane", "1001", false))
            .graded("b", 100, 104, Student.fromCanvas("roeann", "1002", false));

    assertThatThrownBy(() -> Grades.of(GradedRun.read(out.path()), OptionalDouble.empty()))
        .isInstanceOf(RefusedInputException.class)
        .hasMessage(
            "the submissions were graded out of different totals (104 for b, 208 for a): give"
                + " --points P to scale each score to P");
  }

  @Test
  void aStudentInTwoSubmissionsIsTheTasToSettle() throws Exception {
    ResultsFolder out =
        results()
            .graded("first", 100, 208, Student.fromGradescope("Ann Lee", "ann@x.edu", "1002"))
            .graded("second", 200, 208, Student.fromGradescope("Ann Lee", "ann@x.edu", "1002"));

    assertThatThrownBy(() -> Grades.of(GradedRun.read(out.path()), OptionalDouble.empty()))
        .isInstanceOf(RefusedInputException.class)
        .hasMessageStartingWith(
            "Ann Lee (submission second) handed in submissions first and second");
  }

  @Test
  void aFolderWithoutResultsIsRefusedAndSaysWhatToGive() throws Exception {
    Path empty = Files.createDirectories(temp.resolve("empty"));

    assertThatThrownBy(() -> GradedRun.read(empty))
        .isInstanceOf(RefusedInputException.class)
        .hasMessage(
            empty
                + ": holds no graded submission (no folder with a results.json); give the --out"
                + " folder of grader grade or grader merge");
    assertThatThrownBy(() -> GradedRun.read(temp.resolve("missing")))
        .hasMessage(temp.resolve("missing") + ": no such folder of results");
  }
}
