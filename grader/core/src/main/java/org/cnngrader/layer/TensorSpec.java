package org.cnngrader.layer;

import org.cnngrader.runner.ValueType;

/**
 * A tensor of a layer's case, by the key fixtures and feedback name it: its type as the contract
 * passes it ({@link ValueType#TENSOR4}, {@link ValueType#INTS1} for class labels, {@link
 * ValueType#DOUBLE} for a scalar such as a loss), and its shape as the lesson writes it ({@code [N,
 * F, H', W']}), or where that shape comes from ({@code the shape of x}).
 */
public record TensorSpec(String key, ValueType type, String shapeInWords) {

  public TensorSpec {
    if (key == null || !key.matches("[a-z][a-z0-9_]*")) {
      throw new IllegalArgumentException("a tensor's key is lower case letters, found " + key);
    }
    if (type == null || (!type.isTensor() && type != ValueType.DOUBLE)) {
      throw new IllegalArgumentException(
          key
              + ": a tensor is an array of rank 1 to "
              + ValueType.MAX_RANK
              + " or a double scalar");
    }
    if (shapeInWords == null || shapeInWords.isBlank()) {
      throw new IllegalArgumentException(key + " needs its shape in words");
    }
  }

  /** A tensor of doubles of {@code rank} 1 to {@link ValueType#MAX_RANK}. */
  public TensorSpec(String key, int rank, String shapeInWords) {
    this(key, doubles(key, rank), shapeInWords);
  }

  private static ValueType doubles(String key, int rank) {
    if (rank < 1 || rank > ValueType.MAX_RANK) {
      throw new IllegalArgumentException(
          key + ": tensors have rank 1 to " + ValueType.MAX_RANK + ", found " + rank);
    }
    return ValueType.tensor(rank);
  }

  /** 0 for a scalar. */
  public int rank() {
    return type.rank();
  }

  /** Whether its elements are whole numbers (class labels). */
  public boolean isInts() {
    return type.element() == int.class;
  }
}
