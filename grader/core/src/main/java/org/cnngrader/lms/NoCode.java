package org.cnngrader.lms;

import java.util.List;
import java.util.stream.Collectors;
import org.cnngrader.report.Student;

/**
 * A submission of which no code was graded: none was handed in (a Canvas link or text entry, only
 * files other than Java) or what was handed in could not be taken in. Its zeros are no grade, so an
 * export gives it no row and lists it, and an LMS keeps whatever grade the student has.
 *
 * @param submission the submission's id
 * @param students who handed it in, as the LMS named them (none for a plain folder)
 * @param reason why no code was graded, as the student's report says it
 */
public record NoCode(String submission, List<Student> students, String reason) {

  public NoCode {
    students = List.copyOf(students);
    if (submission.isEmpty()) {
      throw new IllegalArgumentException("a submission with no code needs its id");
    }
  }

  /** "doejane (submission doejane): no .java file was handed in: ...", for the TA's list. */
  public String describe() {
    String names =
        students.stream()
            .map(s -> s.name().isEmpty() ? s.email() : s.name())
            .filter(name -> !name.isEmpty())
            .collect(Collectors.joining(", "));
    return (names.isEmpty() ? "" : names + " ")
        + (names.isEmpty() ? "submission " + submission : "(submission " + submission + ")")
        + ": "
        + reason;
  }
}
