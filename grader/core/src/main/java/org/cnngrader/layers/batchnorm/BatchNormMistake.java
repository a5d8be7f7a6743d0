package org.cnngrader.layers.batchnorm;

import java.util.Optional;
import org.cnngrader.layer.KnownMistake;
import org.cnngrader.layers.norm.NormFormula;

/** The typical mistakes of a spatial batch-norm layer that the grader recognizes. */
public enum BatchNormMistake implements KnownMistake {
  /** The batch variance divided by m - 1 (unbiased), in normalizing and in the running variance. */
  UNBIASED_VARIANCE("unbiased-variance", "divides the variance by m - 1"),
  /** (x - mean)/(sqrt(var) + eps) instead of (x - mean)/sqrt(var + eps), in both modes. */
  EPS_OUTSIDE_SQRT("eps-outside-sqrt", "adds eps outside the square root"),
  /** running = (1 - momentum) * running + momentum * batch statistic. */
  MOMENTUM_REVERSED("momentum-reversed", "swaps momentum and 1 - momentum"),
  /** The running mean and variance stay 0. */
  RUNNING_NOT_UPDATED("running-not-updated", "never updates the running mean and variance"),
  /** Test mode updates the running statistics with the test batch's. */
  UPDATED_IN_TEST_MODE("updated-in-test-mode", "updates the running statistics in test mode"),
  /** Test mode normalizes with the test batch's own mean and variance. */
  TEST_USES_BATCH_STATISTICS(
      "test-uses-batch-statistics", "normalizes with the batch's statistics in test mode"),
  /** One mean and variance per sample, over C, H and W. */
  PER_SAMPLE("per-sample", "normalizes each sample instead of each channel"),
  /** One mean and variance per channel and position, over N alone. */
  OVER_N_ONLY("over-n-only", "takes the statistics over N alone, not N, H and W"),
  /** dgamma and dbeta summed over H and W of each sample, the last sample's sums kept. */
  LAST_SAMPLE_ONLY("last-sample-only", "keeps only the last sample's sums in dgamma and dbeta"),
  /** dx = dout * gamma / sqrt(var + eps): as if the mean and variance did not depend on x. */
  DX_WITHOUT_STATISTICS(
      "dx-without-statistics", "leaves the mean and variance out of dx's gradient"),
  /** var + eps stored as the batch variance: the running variance absorbs eps. */
  EPS_IN_RUNNING_VARIANCE(
      "eps-in-running-variance", "absorbs eps: var + eps kept as each batch's variance"),
  /** Test mode returns x_hat, without gamma and beta. */
  TEST_WITHOUT_GAMMA_BETA("test-without-gamma-beta", "leaves gamma and beta out in test mode"),
  /** The mean as 1 / m * sum(x) with an int m: integer division makes every mean 0. */
  MEAN_BY_INTEGER_DIVISION(
      "mean-by-integer-division", "computes every mean as 0 (integer division 1 / m)");

  private final String key;
  private final String brief;

  /**
   * How a layer with this mistake turns a batch into x_hat, where the mistake is one of the
   * formula: the unbiased variance, eps outside the root, a mean of 0; empty for the others.
   */
  public Optional<NormFormula> formula() {
    return Optional.ofNullable(
        switch (this) {
          case UNBIASED_VARIANCE -> new NormFormula(true, true);
          case EPS_OUTSIDE_SQRT -> new NormFormula(false, false);
          case MEAN_BY_INTEGER_DIVISION -> NormFormula.ZERO_MEAN;
          default -> null;
        });
  }

  BatchNormMistake(String key, String brief) {
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
