package org.cnngrader.grading;

/**
 * Extra hidden cases drawn at grading time: how many, and the seed they are drawn from, which
 * reproduces them for a regrade and is shown to TAs only.
 */
public record RandomCases(int count, long seed) {

  /** The largest number of cases a run may draw. */
  public static final int MAX = 100;

  public static final RandomCases NONE = new RandomCases(0, 0);

  public RandomCases {
    if (count < 0 || count > MAX) {
      throw new IllegalArgumentException(
          "random cases must number 0 to " + MAX + ", found " + count);
    }
  }

  public boolean any() {
    return count > 0;
  }
}
