package org.cnngrader.compare;

import org.cnngrader.tensor.Shape;

/**
 * How an actual tensor compares with the expected one, element by element: the worst element (its
 * index, both values and its relative error) and how many elements are beyond the tolerance.
 */
// Arrays on purpose: the index is copied in and out.
@SuppressWarnings("ArrayRecordComponent")
public record ValueComparison(
    Shape shape,
    double maxError,
    int[] worstIndex,
    double expectedAtWorst,
    double actualAtWorst,
    int elementsOff,
    int nonFinite,
    double tolerance) {

  public ValueComparison {
    worstIndex = worstIndex.clone();
    if (elementsOff < 0 || nonFinite < 0 || nonFinite > elementsOff) {
      throw new IllegalArgumentException(
          "counts must satisfy 0 <= nonFinite <= elementsOff, found "
              + nonFinite
              + " and "
              + elementsOff);
    }
  }

  @Override
  public int[] worstIndex() {
    return worstIndex.clone();
  }

  public int elements() {
    return shape.size();
  }

  /** Every element is finite and within the tolerance. */
  public boolean passed() {
    return elementsOff == 0;
  }
}
