package org.cnngrader.layer;

/**
 * A separately graded part of a layer's case: its key in fixture files, its label for people, its
 * default points, and what it checks: the shape of a tensor alone, or its values (which need the
 * right shape first).
 */
public record Part(
    String key, String label, double defaultPoints, String tensor, boolean shapeOnly) {

  public Part {
    if (key == null || !key.matches("[a-z][a-z0-9_]*")) {
      throw new IllegalArgumentException("a part's key is lower case letters, found " + key);
    }
    if (label == null || label.isBlank() || tensor == null || tensor.isBlank()) {
      throw new IllegalArgumentException("part " + key + " needs a label and a tensor");
    }
    if (!(defaultPoints >= 0) || Double.isInfinite(defaultPoints)) {
      throw new IllegalArgumentException("part " + key + " needs points >= 0");
    }
  }

  /**
   * The key alone: parts key the points of every case, looked up for every part of every report.
   * Equal parts have equal keys, so this agrees with the record's equals.
   */
  @Override
  public int hashCode() {
    return key.hashCode();
  }

  /** A part that checks {@code tensor}'s shape alone: right or wrong, never in proportion. */
  public static Part shape(String key, String label, double points, String tensor) {
    return new Part(key, label, points, tensor, true);
  }

  /** A part that checks {@code tensor}'s values, element by element. */
  public static Part values(String key, String label, double points, String tensor) {
    return new Part(key, label, points, tensor, false);
  }
}
