package org.cnngrader.lms;

import static org.cnngrader.report.SpreadsheetCells.inert;
import static org.cnngrader.report.SpreadsheetCells.number;

import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import org.cnngrader.intake.RefusedInputException;
import org.cnngrader.report.Student;

/**
 * A CSV file for Moodle's grade import: the teacher maps one column to a user field (here the email
 * address, or the ID number) and the grade column to the assignment's grade item; a name column
 * helps them check, and is left unmapped. Moodle aborts the whole import on one user it cannot
 * match ({@code gradeimport_csv_load_data::prepare_import_grade_data}), so a student this file
 * could not identify is refused before anything is written. Moodle also aborts it on one grade
 * above 100, the site's limit ({@code insert_grade_record}), and caps a grade above its grade
 * item's maximum without a word ({@code grade_item::bounded_grade}): the grades must be on the
 * item's scale, a maximum the TA states, and none may exceed it.
 */
public final class MoodleGradesCsv {

  /** The user field a Moodle import maps the students by. */
  public enum UserField {
    /** The email address: what Gradescope's export gives for every submitter. */
    EMAIL("email", "Email address"),
    /** The ID number (Moodle's {@code idnumber}), commonly the SIS id Gradescope calls SID. */
    IDNUMBER("idnumber", "ID number");

    private final String key;
    private final String column;

    UserField(String key, String column) {
      this.key = key;
      this.column = column;
    }

    public String key() {
      return key;
    }

    /** The column's header, as Moodle's own exports name the field. */
    public String column() {
      return column;
    }

    public static Optional<UserField> ofKey(String key) {
      return Arrays.stream(values()).filter(f -> f.key.equals(key)).findFirst();
    }

    public static String keys() {
      return Arrays.stream(values()).map(UserField::key).collect(Collectors.joining(", "));
    }

    String of(Student student) {
      return switch (this) {
        case EMAIL -> student.email();
        case IDNUMBER -> student.idKind() == Student.IdKind.GRADESCOPE_SID ? student.id() : "";
      };
    }
  }

  /** The name column: Moodle's import leaves it unmapped, for the teacher to check rows by. */
  public static final String NAME_COLUMN = "Full name";

  private MoodleGradesCsv() {}

  /** The grade above which Moodle refuses a whole import, unless its site allows more. */
  public static final double SITE_GRADE_LIMIT = 100;

  /**
   * The students whose grade is above {@link #SITE_GRADE_LIMIT}, each with it: Moodle refuses the
   * whole import for one of them unless its site allows unlimited grades up to at least that.
   */
  public static List<String> aboveSiteLimit(Grades grades) {
    return grades.grades().stream()
        .filter(grade -> grade.points() > SITE_GRADE_LIMIT)
        .map(grade -> grade.who() + ": " + number(grade.points()))
        .toList();
  }

  /**
   * The file, its grade column named {@code gradeColumn}.
   *
   * @throws RefusedInputException when the grades are the grader's raw points rather than out of a
   *     maximum the TA stated, when any grade is above that maximum, or when any student or
   *     submission has no value of {@code field}: each is named, and nothing is written
   */
  public static LmsFile render(Grades grades, UserField field, String gradeColumn) {
    if (gradeColumn.isBlank()) {
      throw new IllegalArgumentException("the grade column needs a name");
    }
    if (!grades.scaled()) {
      throw new RefusedInputException(
          "the grades are the grader's raw points, out of "
              + number(grades.pointsPossible())
              + ", and Moodle takes a grade as it is: it refuses a whole import with one grade"
              + " above 100 and caps a grade above its grade item's maximum without a word; give"
              + " --points P, the grade item's maximum grade in Moodle, or set \"points\" in the"
              + " fixtures' assignment.json (--fixtures DIR); nothing was written");
    }
    List<String> above =
        grades.grades().stream()
            .filter(grade -> grade.points() > grades.pointsPossible())
            .map(grade -> grade.who() + ": " + number(grade.points()))
            .toList();
    if (!above.isEmpty()) {
      throw new RefusedInputException(
          above.size()
              + (above.size() == 1 ? " grade is" : " grades are")
              + " above the maximum of "
              + number(grades.pointsPossible())
              + " (--points, else the assignment file's points), which Moodle would refuse or"
              + " cap: "
              + String.join("; ", above)
              + "; check their results; nothing was written");
    }
    List<String> unmatched = new ArrayList<>();
    grades
        .withoutStudents()
        .forEach(id -> unmatched.add("submission " + id + " (no student named)"));
    grades.grades().stream()
        .filter(grade -> field.of(grade.student()).isEmpty())
        .forEach(grade -> unmatched.add(grade.who()));
    if (!unmatched.isEmpty()) {
      throw new RefusedInputException(
          "Moodle aborts a whole import on one user it cannot match, and "
              + unmatched.size()
              + (unmatched.size() == 1 ? " student has" : " students have")
              + " no "
              + field.column().toLowerCase(Locale.ROOT)
              + ": "
              + String.join("; ", unmatched)
              + (field == UserField.EMAIL ? "; try --match idnumber, or" : ";")
              + " grade them apart, or remove their folders from the results; nothing was"
              + " written");
    }
    CsvSchema schema =
        CsvSchema.builder()
            .setUseHeader(true)
            .addColumn(NAME_COLUMN)
            .addColumn(field.column())
            .addColumn(gradeColumn)
            .build();
    List<List<String>> rows = new ArrayList<>();
    for (StudentGrade grade : grades.grades()) {
      Student student = grade.student();
      rows.add(List.of(inert(student.name()), inert(field.of(student)), number(grade.points())));
    }
    return new LmsFile(CsvText.write(schema, rows), rows.size(), List.of(), List.of());
  }
}
