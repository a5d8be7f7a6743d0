package org.cnngrader.intake;

/**
 * An input the TA named that cannot be used at all (a folder that is not one or cannot be read, an
 * output folder another run holds, shards that do not fit together): nothing is graded, and the
 * message says what and where.
 */
public final class RefusedInputException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public RefusedInputException(String message) {
    super(message);
  }
}
