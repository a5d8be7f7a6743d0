package org.cnngrader.layer;

/**
 * A case the layer cannot be graded on: a parameter out of range, or inputs whose sizes do not fit
 * together; {@code field} names where, as fixture files do ({@code params.stride}, {@code
 * inputs.w}).
 */
public final class InvalidCase extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  private final String field;

  public InvalidCase(String field, String message) {
    super(message);
    this.field = field;
  }

  public String field() {
    return field;
  }
}
