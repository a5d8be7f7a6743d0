package org.cnngrader.bounds;

import org.cnngrader.compare.ElementBounds;
import org.cnngrader.tensor.Tensor;

/**
 * A layer's rounding bounds for one case: for each tensor the layer computes, how far two correct
 * computations of each element may differ by rounding alone. Each layer derives its own from the
 * error analysis of what it computes: a convolution from its sums of products, a maximum (pooling)
 * is exact, a normalization from its means, variances and square roots. A described layer states a
 * tolerance instead, relative to each expected element.
 */
public interface LayerBounds {

  /**
   * The bounds of the tensor named {@code tensor} (for a convolution: out, dx, dw or db).
   *
   * @throws IllegalArgumentException for a tensor the layer does not compute
   */
  ElementBounds of(String tensor);

  /**
   * The bounds of {@code tensor} whose reference values are {@code expected}. A tolerance relative
   * to the reference ({@code max(relative * |expected|, absolute)}, a described layer's) cannot be
   * known without them, and bounds from an error analysis of the inputs need no more than {@link
   * #of(String)}; so this is the one the grading rule asks, and it defaults to the other.
   */
  default ElementBounds of(String tensor, Tensor expected) {
    return of(tensor);
  }

  /**
   * The bounds of the same tensor as a layer with the mistake keyed {@code mistake} computes it: by
   * default the right result's, whose sums the mistake shares in another arrangement; a layer whose
   * mistakes change what it sums over or divides by (a normalization's statistics) bounds those by
   * their own analysis. A described layer's tolerance, relative to a reference this is not given,
   * gives only its absolute floor here.
   */
  default ElementBounds ofMistake(String mistake, String tensor) {
    return of(tensor);
  }
}
