package org.cnngrader.cli;

/** The grader's exit codes, as documented in README.md and {@code --help}. */
final class ExitCode {

  /** Grading ran, whatever the scores; fixtures verified. */
  static final int OK = 0;

  /** A fault of the grader itself or of the machine. */
  static final int GRADER_FAULT = 1;

  /** Bad command line or bad input: a missing folder, an unreadable fixture or case list. */
  static final int USAGE = 2;

  /** {@code fixtures verify} found a fixture that disagrees with ND4J. */
  static final int FIXTURES_DISAGREE = 3;

  /**
   * The machine or container has too little memory for the grader and one child: nothing was graded
   * (a grader fault, never the student's).
   */
  static final int TOO_LITTLE_MEMORY = 4;

  private ExitCode() {}
}
