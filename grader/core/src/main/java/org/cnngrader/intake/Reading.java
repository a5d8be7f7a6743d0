package org.cnngrader.intake;

import java.util.List;
import java.util.Objects;
import org.cnngrader.report.Student;

/**
 * How one input (an export, a download, a --batch folder) was read: as what, and what it held.
 *
 * @param input the input as given
 * @param format what it was read as: GRADESCOPE, CANVAS, or FOLDERS for a folder of submissions
 * @param submissions how many submissions it holds
 * @param students how many students the LMS named in it
 * @param late how many of them handed in late, by the LMS's mark
 */
public record Reading(String input, InputFormat format, int submissions, int students, int late) {

  public Reading {
    Objects.requireNonNull(input, "input");
    if (format == null || format == InputFormat.AUTO) {
      throw new IllegalArgumentException("a reading names the format it read: " + format);
    }
    if (submissions < 0 || students < 0 || late < 0 || late > students) {
      throw new IllegalArgumentException(
          "counts must be 0 or more, late no more than students: "
              + submissions
              + ", "
              + students
              + ", "
              + late);
    }
  }

  static Reading of(String input, InputFormat format, List<Submissions.Found> found) {
    List<Student> students = found.stream().flatMap(f -> f.students().stream()).toList();
    return new Reading(
        input,
        format,
        found.size(),
        students.size(),
        (int) students.stream().filter(Student::late).count());
  }
}
