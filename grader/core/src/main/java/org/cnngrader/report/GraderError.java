package org.cnngrader.report;

import org.cnngrader.runner.Excerpt;

/**
 * A submission the grader could not grade through a fault of its own or of the machine (a full
 * disk, a child JVM that cannot start): never a zero for the student, and graded again next run.
 */
public record GraderError(String id, String message) {

  public GraderError {
    if (id == null || id.isEmpty()) {
      throw new IllegalArgumentException("a grader error names its submission");
    }
    if (message == null || message.isBlank()) {
      throw new IllegalArgumentException("grader error of " + id + " must say what went wrong");
    }
    // A fault's words may quote what it failed on: a name in a submission's archive, say.
    message = Excerpt.cut(message, Excerpt.MESSAGE);
  }
}
