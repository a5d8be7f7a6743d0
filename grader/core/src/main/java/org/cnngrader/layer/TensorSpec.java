package org.cnngrader.layer;

import java.util.Arrays;
import java.util.List;
import org.cnngrader.runner.ValueType;

/**
 * A tensor of a layer's case, by the key fixtures and feedback name it: its type as the contract
 * passes it ({@link ValueType#TENSOR4}, {@link ValueType#INTS1} for class labels, {@link
 * ValueType#DOUBLE} for a scalar such as a loss), and its shape as the lesson writes it ({@code [N,
 * F, H', W']}), or where that shape comes from ({@code the shape of x}), and its dimensions as a
 * layer description writes them: symbols the inputs bind and expressions of them and the int
 * parameters (empty for a scalar, or where the layer gives none).
 */
public record TensorSpec(String key, ValueType type, String shapeInWords, List<Dim> dims) {

  /**
   * One dimension: its name in the shape ({@code H'}), its size, a symbol an input binds ({@code
   * H}) or an expression ({@code (H - HH + 2*pad)/stride + 1}), and optional words for feedback
   * ({@code output height}; null when none).
   */
  public record Dim(String name, String size, String words) {

    public Dim {
      if (name == null || name.isBlank() || size == null || size.isBlank()) {
        throw new IllegalArgumentException("a dimension needs a name and a size");
      }
    }

    /** A dimension that is a symbol alone: {@code N}. */
    public static Dim of(String symbol) {
      return new Dim(symbol, symbol, null);
    }

    /** Whether it is its size written plainly, with no name or words of its own. */
    public boolean isPlain() {
      return name.equals(size) && words == null;
    }
  }

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
    dims = List.copyOf(dims);
    if (!dims.isEmpty() && dims.size() != type.rank()) {
      throw new IllegalArgumentException(
          key + " has rank " + type.rank() + " but " + dims.size() + " dimensions");
    }
  }

  /** A tensor whose dimensions are not given. */
  public TensorSpec(String key, ValueType type, String shapeInWords) {
    this(key, type, shapeInWords, List.of());
  }

  /** A tensor of doubles of {@code rank} 1 to {@link ValueType#MAX_RANK}. */
  public TensorSpec(String key, int rank, String shapeInWords) {
    this(key, doubles(key, rank), shapeInWords);
  }

  /** The same tensor with these dimensions. */
  public TensorSpec withDims(Dim... dims) {
    return new TensorSpec(key, type, shapeInWords, Arrays.asList(dims));
  }

  /** The same tensor with dimensions that are symbols alone: {@code "N", "C", "H", "W"}. */
  public TensorSpec withDims(String... symbols) {
    return withDims(Arrays.stream(symbols).map(Dim::of).toArray(Dim[]::new));
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
