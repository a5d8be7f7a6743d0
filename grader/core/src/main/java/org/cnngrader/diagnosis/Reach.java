package org.cnngrader.diagnosis;

/**
 * How much of a layer's failure a mistake explains across a submission: the cases where it explains
 * a failing part, of the cases where some part of the layer fails. A mistake that explains fewer
 * than all of them is not the whole cause.
 */
public record Reach(int casesExplained, int casesFailing) {

  public Reach {
    if (casesExplained < 1 || casesExplained > casesFailing) {
      throw new IllegalArgumentException(
          "a mistake explains between 1 and the "
              + casesFailing
              + " failing cases, found "
              + casesExplained);
    }
  }

  /** Some failing cases of the layer are left unexplained. */
  public boolean partial() {
    return casesExplained < casesFailing;
  }
}
