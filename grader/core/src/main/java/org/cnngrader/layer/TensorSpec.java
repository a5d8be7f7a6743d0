package org.cnngrader.layer;

import org.cnngrader.runner.ValueType;

/**
 * A tensor of a layer's case, by the key fixtures and feedback name it: its rank, and its shape as
 * the lesson writes it ({@code [N, F, H', W']}), or where that shape comes from ({@code the shape
 * of x}).
 */
public record TensorSpec(String key, int rank, String shapeInWords) {

  public TensorSpec {
    if (key == null || !key.matches("[a-z][a-z0-9_]*")) {
      throw new IllegalArgumentException("a tensor's key is lower case letters, found " + key);
    }
    if (rank < 1 || rank > ValueType.MAX_RANK) {
      throw new IllegalArgumentException(
          key + ": tensors have rank 1 to " + ValueType.MAX_RANK + ", found " + rank);
    }
    if (shapeInWords == null || shapeInWords.isBlank()) {
      throw new IllegalArgumentException(key + " needs its shape in words");
    }
  }
}
