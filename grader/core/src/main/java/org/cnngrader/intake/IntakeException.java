package org.cnngrader.intake;

/**
 * A submission that cannot be taken in as handed in (an unreadable or unsafe archive): the message
 * says what and where, in words for the student, and the batch goes on without it.
 */
public final class IntakeException extends Exception {

  private static final long serialVersionUID = 1L;

  public IntakeException(String message) {
    super(message);
  }

  public IntakeException(String message, Throwable cause) {
    super(message, cause);
  }
}
