package org.cnngrader.cli;

/**
 * The machine or container has too little memory for the grader and one child: nothing is graded,
 * as the kernel would kill children through no fault of their code. Reported on stderr with {@link
 * ExitCode#TOO_LITTLE_MEMORY}.
 */
final class TooLittleMemoryException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  TooLittleMemoryException(String message) {
    super(message);
  }
}
