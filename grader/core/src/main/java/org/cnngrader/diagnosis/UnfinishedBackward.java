package org.cnngrader.diagnosis;

import org.cnngrader.layer.KnownMistake;

/**
 * A backward that returns a gradient it never computed: every layer's, told by a rule rather than
 * by a reference, since what an unfinished method returns is the same whatever the layer.
 */
public enum UnfinishedBackward implements KnownMistake {
  /** The gradient is all zeros: allocated and never filled in. */
  RETURNS_ZEROS("backward-returns-zeros", "returns zeros, as if unfinished"),
  /** The gradient, or the record that holds it, is null. */
  RETURNS_NULL("backward-returns-null", "returns null, as if unfinished");

  private final String key;
  private final String brief;

  UnfinishedBackward(String key, String brief) {
    this.key = key;
    this.brief = brief;
  }

  @Override
  public String key() {
    return key;
  }

  @Override
  public String brief() {
    return brief;
  }
}
