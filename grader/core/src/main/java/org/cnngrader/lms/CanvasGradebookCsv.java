package org.cnngrader.lms;

import static org.cnngrader.report.SpreadsheetCells.inert;
import static org.cnngrader.report.SpreadsheetCells.number;

import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.cnngrader.report.Student;

/**
 * A CSV file that Canvas's gradebook import takes as it is. Canvas reads the header's first column
 * as {@code Student} and its second as {@code ID}, then optional SIS columns, and rejects a file
 * whose student columns do not end with {@code Section}; every later column is an assignment,
 * matched by the id in {@code "Title (12345)"}. A row whose first cell is {@code Points Possible}
 * sets the assignment's points. Canvas matches a row's student by user id, then SIS user id, then
 * SIS login id, then exact name: a student of a Canvas download has their user id, a student of a
 * Gradescope export their SID as SIS user id (Gradescope's roster SID is commonly the SIS id) and
 * their name; a student of neither is matched by name, or not at all.
 */
public final class CanvasGradebookCsv {

  /** The student columns, in the order Canvas requires: {@code Section} last. */
  public static final List<String> STUDENT_COLUMNS =
      List.of("Student", "ID", "SIS User ID", "SIS Login ID", "Section");

  /** The first cell of the row that sets points possible. */
  public static final String POINTS_POSSIBLE = "Points Possible";

  /**
   * What Canvas's gradebook import takes for its own totals and drops without a word: a column
   * whose title contains any of these, anywhere and in this case ("Unposted Final Grade" too,
   * "final grade" not). As {@code GradebookImporter::NON_ASSIGNMENT_COLUMN_HEADERS}, joined into
   * one regular expression by {@code strip_non_assignment_columns}
   * (app/models/gradebook_importer.rb).
   */
  public static final List<String> DROPPED_TITLE_WORDS =
      List.of(
          "Current Score",
          "Current Points",
          "Current Grade",
          "Final Score",
          "Final Points",
          "Final Grade",
          "Override Score",
          "Override Grade",
          "Override Status");

  /** An assignment column Canvas matches by id: a title, then the id in brackets. */
  private static final Pattern WITH_ID = Pattern.compile(".*\\S.*\\(\\d+\\)");

  private CanvasGradebookCsv() {}

  /** Whether Canvas matches {@code assignment} by its id rather than by its exact title. */
  public static boolean namesId(String assignment) {
    return WITH_ID.matcher(assignment.strip()).matches();
  }

  /**
   * The words of {@link #DROPPED_TITLE_WORDS} that {@code title} contains: none for a column kept.
   */
  public static List<String> droppedFor(String title) {
    return DROPPED_TITLE_WORDS.stream().filter(title::contains).toList();
  }

  /**
   * The file for the assignment column {@code assignment} ("HW3 Conv (4242)").
   *
   * @throws IllegalArgumentException when {@code assignment} is blank, names a student column or is
   *     a title Canvas drops
   */
  public static LmsFile render(Grades grades, String assignment) {
    if (assignment.isBlank()) {
      throw new IllegalArgumentException("the assignment column needs a name");
    }
    if (STUDENT_COLUMNS.contains(assignment.strip())) {
      throw new IllegalArgumentException(
          "\"" + assignment + "\" is one of Canvas's student columns, not an assignment");
    }
    if (!droppedFor(assignment).isEmpty()) {
      throw new IllegalArgumentException(
          "Canvas drops a column whose title contains " + droppedFor(assignment));
    }
    CsvSchema.Builder schema = CsvSchema.builder().setUseHeader(true);
    STUDENT_COLUMNS.forEach(schema::addColumn);
    schema.addColumn(assignment);
    List<List<String>> rows = new ArrayList<>();
    rows.add(List.of(POINTS_POSSIBLE, "", "", "", "", number(grades.pointsPossible())));
    List<String> unmatched = new ArrayList<>();
    List<String> byNameOnly = new ArrayList<>();
    for (String submission : grades.withoutStudents()) {
      unmatched.add("submission " + submission + ": no student named (not from an LMS's export)");
    }
    for (StudentGrade grade : grades.grades()) {
      Student student = grade.student();
      String userId = "";
      String sisUserId = "";
      switch (student.idKind()) {
        case CANVAS_USER_ID -> userId = student.id();
        case GRADESCOPE_SID -> sisUserId = student.id();
        case CANVAS_ANONYMOUS_ID -> {
          unmatched.add(
              grade.who()
                  + ": Canvas's anonymous id "
                  + student.id()
                  + " matches no student in a gradebook import; import after anonymity is lifted");
          continue;
        }
        case NONE -> {
          if (student.name().isEmpty()) {
            unmatched.add(grade.who() + ": neither an id nor a name to match");
            continue;
          }
          byNameOnly.add(grade.who());
        }
      }
      rows.add(
          List.of(inert(student.name()), userId, inert(sisUserId), "", "", number(grade.points())));
    }
    return new LmsFile(CsvText.write(schema.build(), rows), rows.size() - 1, unmatched, byNameOnly);
  }
}
