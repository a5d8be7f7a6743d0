package org.cnngrader.layers.described;

import org.cnngrader.layer.TensorSpec;

/**
 * One dimension of a described tensor: how the shape writes it ({@code H'}), its size as an
 * expression ({@code (H - HH + 2*pad)/stride + 1}), and optional words for feedback ({@code output
 * height}), or null.
 */
public record Dim(String name, DimExpression size, String words) {

  public Dim {
    if (name == null || name.isBlank() || size == null) {
      throw new IllegalArgumentException("a dimension needs a name and a size");
    }
  }

  /** A dimension written as its size: {@code N}, or {@code 2*D}. */
  public static Dim of(DimExpression size) {
    return new Dim(size.text(), size, null);
  }

  /** As the layer's interface lists it. */
  public TensorSpec.Dim spec() {
    return new TensorSpec.Dim(name, size.text(), words);
  }

  /** The symbol it binds when it is one alone in an input, else null. */
  public String symbol() {
    return size.isSymbol() ? size.text() : null;
  }
}
