package org.cnngrader.cli;

/** Bad input from the person running the grader: reported on stderr with exit code 2. */
final class UsageException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  UsageException(String message) {
    super(message);
  }
}
