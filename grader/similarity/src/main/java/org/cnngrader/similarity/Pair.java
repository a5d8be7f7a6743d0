package org.cnngrader.similarity;

import java.util.List;

/**
 * Two submissions compared: how much of their code they share beyond the base code, as JPlag's
 * average similarity (matched tokens of both over the tokens of both, a fraction), and where.
 *
 * @param first the id of one submission
 * @param second the id of the other
 * @param similarity the fraction of both submissions' tokens that match, in [0, 1]
 * @param matchedTokens how many tokens of each the matches span
 * @param regions the matched stretches of code, in the first submission's order
 */
public record Pair(
    String first, String second, double similarity, int matchedTokens, List<Region> regions) {

  public Pair {
    regions = List.copyOf(regions);
    if (!(similarity >= 0 && similarity <= 1)) {
      throw new IllegalArgumentException(
          first + " and " + second + ": similarity must be a fraction, found " + similarity);
    }
  }
}
