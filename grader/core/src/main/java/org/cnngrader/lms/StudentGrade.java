package org.cnngrader.lms;

import org.cnngrader.report.Student;

/**
 * One student's grade as an LMS imports it.
 *
 * @param student who, as the LMS named them when the submission was handed in
 * @param submission the id of the submission the grade comes from
 * @param points the points, in the LMS's scale
 */
public record StudentGrade(Student student, String submission, double points) {

  public StudentGrade {
    if (!(points >= 0) || Double.isInfinite(points)) {
      throw new IllegalArgumentException(
          "points of " + submission + " must be a number, 0 or more: " + points);
    }
  }

  /** The student's name, else their email, else the submission's id: for messages. */
  public String who() {
    if (!student.name().isEmpty()) {
      return student.name() + " (submission " + submission + ")";
    }
    if (!student.email().isEmpty()) {
      return student.email() + " (submission " + submission + ")";
    }
    return "submission " + submission;
  }
}
