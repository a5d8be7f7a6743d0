package org.cnngrader.compare;

import org.cnngrader.tensor.Shape;

/**
 * How an actual tensor compares with the expected one, element by element: the worst element (its
 * index, both values and its relative error) and how many elements are beyond the tolerance. The
 * worst element is the worst of those beyond it when there are any, else of those within it. {@code
 * withinRoundOff} counts the elements whose relative error exceeds the tolerance but whose
 * difference rounding alone explains (values near zero): they pass, and are not the worst.
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
    int withinRoundOff,
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
    if (withinRoundOff < 0 || elementsOff + withinRoundOff > shape.size()) {
      throw new IllegalArgumentException(
          "withinRoundOff must be between 0 and the elements not off, found " + withinRoundOff);
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
