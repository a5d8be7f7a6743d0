package org.cnngrader.layer;

/**
 * A file of the course's that cannot be used (a layer's description, a fixture, the assignment):
 * names the file (once known), the field and what is wrong. Each kind of file has its own subclass,
 * thrown by the package that reads it; whoever reports to a person catches this one.
 */
public class InputFileException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String field;
  private final String problem;

  public InputFileException(String file, String field, String problem, Throwable cause) {
    super(describe(file, field, problem), cause);
    this.field = field;
    this.problem = problem;
  }

  /** The same problem, now known to come from {@code file}. */
  public InputFileException inFile(String file) {
    return new InputFileException(file, field, problem, this);
  }

  /** The field's path in the file, or null for the whole file. */
  public String field() {
    return field;
  }

  /** What is wrong, without the file and the field. */
  public String problem() {
    return problem;
  }

  private static String describe(String file, String field, String problem) {
    String where = file == null ? "" : file + ": ";
    return where + (field == null ? "" : field + ": ") + problem;
  }
}
