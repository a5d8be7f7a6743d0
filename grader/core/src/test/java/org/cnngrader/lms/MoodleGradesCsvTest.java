package org.cnngrader.lms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalDouble;
import org.cnngrader.intake.RefusedInputException;
import org.cnngrader.lms.MoodleGradesCsv.UserField;
import org.cnngrader.report.Student;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MoodleGradesCsvTest {

  @TempDir Path temp;

  private Grades grades(ResultsFolder out) throws Exception {
    return Grades.of(GradedRun.read(out.path()), OptionalDouble.of(100));
  }

  private ResultsFolder results() throws Exception {
    return new ResultsFolder(Files.createDirectories(temp.resolve("out")));
  }

  private static List<List<String>> rows(String csv) throws Exception {
    CsvMapper mapper = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY);
    try (MappingIterator<List<String>> it = mapper.readerForListOf(String.class).readValues(csv)) {
      return it.readAll();
    }
  }

  @Test
  void everyStudentHasTheUserFieldMoodleMapsByAndTheGrade() throws Exception {
    ResultsFolder out =
        results()
            .graded(
                "g",
                104,
                208,
                Student.fromGradescope("Ann Lee", "ann@x.edu", "s-2"),
                Student.fromGradescope("Bob Roe", "bob@x.edu", "s-3"));

    LmsFile byEmail = MoodleGradesCsv.render(grades(out), UserField.EMAIL, "HW3");
    LmsFile byNumber = MoodleGradesCsv.render(grades(out), UserField.IDNUMBER, "HW3");

    assertThat(rows(byEmail.csv()))
        .containsExactly(
            List.of("Full name", "Email address", "HW3"),
            List.of("Ann Lee", "ann@x.edu", "50"),
            List.of("Bob Roe", "bob@x.edu", "50"));
    assertThat(rows(byNumber.csv()))
        .containsExactly(
            List.of("Full name", "ID number", "HW3"),
            List.of("Ann Lee", "s-2", "50"),
            List.of("Bob Roe", "s-3", "50"));
  }

  @Test
  void oneStudentMoodleCannotMatchRefusesTheWholeFileUpFrontByName() throws Exception {
    ResultsFolder out =
        results()
            .graded("doejane", 104, 208, Student.fromCanvas("doejane", "1001", false))
            .graded("ok", 208, 208, Student.fromGradescope("Ann Lee", "ann@x.edu", "s-2"))
            .graded("loose", 208, 208);

    assertThatThrownBy(() -> MoodleGradesCsv.render(grades(out), UserField.EMAIL, "HW3"))
        .isInstanceOf(RefusedInputException.class)
        .hasMessage(
            "Moodle aborts a whole import on one user it cannot match, and 2 students have no"
                + " email address: submission loose (no student named); doejane (submission"
                + " doejane); try --match idnumber, or grade them apart, or remove their folders"
                + " from the results; nothing was written");
    // A Canvas user id is no Moodle ID number.
    assertThatThrownBy(() -> MoodleGradesCsv.render(grades(out), UserField.IDNUMBER, "HW3"))
        .hasMessageContaining("2 students have no id number: ");
  }

  @Test
  void theGradersRawPointsAreRefusedNamingTheFlagAndTheFieldThatStateTheMaximum() throws Exception {
    ResultsFolder out =
        results().graded("ok", 208, 208, Student.fromGradescope("Ann Lee", "ann@x.edu", "s-2"));
    Grades raw = Grades.of(GradedRun.read(out.path()), OptionalDouble.empty());

    assertThatThrownBy(() -> MoodleGradesCsv.render(raw, UserField.EMAIL, "HW3"))
        .isInstanceOf(RefusedInputException.class)
        .hasMessage(
            "the grades are the grader's raw points, out of 208, and Moodle takes a grade as it"
                + " is: it refuses a whole import with one grade above 100 and caps a grade above"
                + " its grade item's maximum without a word; give --points P, the grade item's"
                + " maximum grade in Moodle, or set \"points\" in the fixtures' assignment.json"
                + " (--fixtures DIR); nothing was written");
  }

  @Test
  void aGradeAboveTheStatedMaximumRefusesTheFileByName() throws Exception {
    // A results folder holds what its files say: here more points than the maximum.
    ResultsFolder out =
        results()
            .graded("ok", 208, 208, Student.fromGradescope("Ann Lee", "ann@x.edu", "s-2"))
            .graded("odd", 220, 208, Student.fromGradescope("Bob Roe", "bob@x.edu", "s-3"));

    assertThatThrownBy(() -> MoodleGradesCsv.render(grades(out), UserField.EMAIL, "HW3"))
        .isInstanceOf(RefusedInputException.class)
        .hasMessage(
            "1 grade is above the maximum of 100 (--points, else the assignment file's points),"
                + " which Moodle would refuse or cap: Bob Roe (submission odd): 105.77; check"
                + " their results; nothing was written");
  }

  @Test
  void gradesAbove100AreNamedForTheSitesLimit() throws Exception {
    ResultsFolder out =
        results()
            .graded("a", 208, 208, Student.fromGradescope("Ann Lee", "ann@x.edu", "s-2"))
            .graded("b", 104, 208, Student.fromGradescope("Bob Roe", "bob@x.edu", "s-3"));
    Grades outOf150 = Grades.of(GradedRun.read(out.path()), OptionalDouble.of(150));

    assertThat(MoodleGradesCsv.aboveSiteLimit(outOf150))
        .containsExactly("Ann Lee (submission a): 150");
    assertThat(MoodleGradesCsv.aboveSiteLimit(grades(out))).isEmpty();
  }

  @Test
  void aSubmissionOfWhichNoCodeWasGradedGetsNoRowAndNeedsNoUserField() throws Exception {
    ResultsFolder out =
        results()
            .graded("ok", 208, 208, Student.fromGradescope("Ann Lee", "ann@x.edu", "s-2"))
            .noCode("link", "no .java file was handed in: only link.html in link/")
            .noCode(
                "canvas",
                "nothing was handed in: no file in canvas/",
                Student.fromCanvas("doejane", "1001", false));

    LmsFile file = MoodleGradesCsv.render(grades(out), UserField.EMAIL, "HW3");

    assertThat(rows(file.csv()))
        .containsExactly(
            List.of("Full name", "Email address", "HW3"), List.of("Ann Lee", "ann@x.edu", "100"));
  }
}
