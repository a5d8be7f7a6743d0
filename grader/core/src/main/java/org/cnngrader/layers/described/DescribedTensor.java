package org.cnngrader.layers.described;

import java.util.List;
import java.util.stream.Collectors;
import org.cnngrader.layer.TensorSpec;
import org.cnngrader.runner.ValueType;

/**
 * An input or output of a described layer: its key, its type as the contract passes it, its
 * dimensions, optional words ({@code the shape of x}; null when none), and for class labels the
 * inclusive range of their values (else null).
 */
public record DescribedTensor(
    String key, ValueType type, List<Dim> dims, String words, Range range) {

  /** The inclusive bounds of an int tensor's values, as expressions: {@code 0} to {@code M - 1}. */
  public record Range(DimExpression low, DimExpression high) {}

  public DescribedTensor {
    dims = List.copyOf(dims);
  }

  /** "[N, F, H', W']", "[]" for a scalar. */
  public String shapeInDims() {
    return dims.stream().map(Dim::name).collect(Collectors.joining(", ", "[", "]"));
  }

  /** As the layer's interface lists it; a scalar's shape in words is "a scalar". */
  public TensorSpec spec() {
    String shape = dims.isEmpty() ? "a scalar" : shapeInDims();
    return new TensorSpec(
        key,
        type,
        words == null ? shape : shape + " (" + words + ")",
        dims.stream().map(Dim::spec).toList());
  }
}
