package org.cnngrader.layers.groupnorm;

import org.cnngrader.layer.KnownMistake;

/** The typical mistakes of a spatial group-norm layer that the grader recognizes. */
public enum GroupNormMistake implements KnownMistake {
  /** The variance divided by m - 1 (unbiased), not by m. */
  UNBIASED_VARIANCE("unbiased-variance", "divides the variance by m - 1"),
  /** (x - mean)/(sqrt(var) + eps) instead of (x - mean)/sqrt(var + eps). */
  EPS_OUTSIDE_SQRT("eps-outside-sqrt", "adds eps outside the square root"),
  /** One mean and variance per sample over every channel (layer norm), whatever G. */
  OVER_ALL_CHANNELS("over-all-channels", "normalizes over all channels at once"),
  /** One mean and variance per sample and channel (instance norm), whatever G. */
  PER_CHANNEL("per-channel", "normalizes each channel alone"),
  /** dgamma and dbeta summed over H and W of each sample, the last sample's sums kept. */
  LAST_SAMPLE_ONLY("last-sample-only", "keeps only the last sample's sums in dgamma and dbeta"),
  /** dx = dout * gamma / sqrt(var + eps): as if the mean and variance did not depend on x. */
  DX_WITHOUT_STATISTICS(
      "dx-without-statistics", "leaves the mean and variance out of dx's gradient"),
  /** One mean and variance per sample, group and position, over the group's C/G channels alone. */
  PER_POSITION(
      "per-position", "normalizes each position over its group's channels alone, not H and W"),
  /** The mean as 1 / m * sum(x) with an int m: integer division makes every mean 0. */
  MEAN_BY_INTEGER_DIVISION(
      "mean-by-integer-division", "computes every mean as 0 (integer division 1 / m)");

  private final String key;
  private final String brief;

  GroupNormMistake(String key, String brief) {
    this.key = key;
    this.brief = brief;
  }

  @Override
  public String key() {
    return key;
  }

  @Override
  public String brief() {
    return brief;
  }
}
