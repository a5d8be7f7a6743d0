package org.cnngrader.layers.described;

import org.cnngrader.layer.InputFileException;

/**
 * A layer's description (layer.json) that cannot be read: names the file (once known), the field's
 * path and what is wrong.
 */
public final class LayerFileException extends InputFileException {

  private static final long serialVersionUID = 1L;

  public LayerFileException(String field, String problem) {
    this(null, field, problem, null);
  }

  public LayerFileException(String file, String field, String problem, Throwable cause) {
    super(file, field, problem, cause);
  }

  /** The same problem, now known to come from {@code file}. */
  @Override
  public LayerFileException inFile(String file) {
    return new LayerFileException(file, field(), problem(), this);
  }
}
