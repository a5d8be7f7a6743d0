package org.cnngrader.layers.groupnorm;

import org.cnngrader.layers.norm.NormGrouping;
import org.cnngrader.tensor.Shape;

/** Words group norm's mistakes in the lesson's terms, with the case's own numbers. */
final class GroupNormWords {

  private GroupNormWords() {}

  static String likelyMistake(GroupNormMistake mistake, String t, Shape x, int groups) {
    int c = x.dim(1);
    NormGrouping right = NormGrouping.perGroup(x, groups);
    int m = right.groupSize();
    String group =
        String.format(
            "per sample and group, over the C/G = %d/%d = %d %s of the group, H and W (m = %d"
                + " values)",
            c, groups, c / groups, c / groups == 1 ? "channel" : "channels", m);
    return switch (mistake) {
      case UNBIASED_VARIANCE ->
          String.format(
              "the variance was divided by m - 1 = %d instead of m = %d: %s matches the unbiased"
                  + " variance; the layer uses the biased one, the mean of (x - mean)^2 %s",
              m - 1, m, t, group);
      case EPS_OUTSIDE_SQRT ->
          t
              + " matches (x - mean)/(sqrt(var) + eps): eps was added outside the square root;"
              + " the layer divides by sqrt(var + eps)";
      case OVER_ALL_CHANNELS ->
          String.format(
              "the mean and variance were taken over all C = %d channels of a sample at once"
                  + " (layer norm): %s matches that; with G = %d groups each mean and variance"
                  + " is taken %s",
              c, t, groups, group);
      case PER_CHANNEL ->
          String.format(
              "each channel was normalized alone (instance norm): %s matches a mean and variance"
                  + " per channel over H and W; with G = %d groups each mean and variance is taken"
                  + " %s",
              t, groups, group);
      case LAST_SAMPLE_ONLY ->
          String.format(
              "%s holds only the last sample's sum: gamma and beta are shared by all N = %d"
                  + " samples, so %s adds up %s over N, H and W (+= across samples, not =)",
              t, x.dim(0), t, t.equals("dbeta") ? "dout" : "dout * x_hat");
      case DX_WITHOUT_STATISTICS ->
          "dx matches dout * gamma / sqrt(var + eps), as if the mean and the variance were"
              + " constants; every x moves its group's mean and variance, so dx = (dxhat -"
              + " mean(dxhat) - x_hat * mean(dxhat * x_hat)) / sqrt(var + eps), the means over"
              + " the group, with dxhat = dout * gamma";
      case PER_POSITION ->
          String.format(
              "each position was normalized over the C/G = %d/%d = %d %s of its group alone: %s"
                  + " matches a mean and variance per sample, group and position (h, w); group"
                  + " norm takes each mean and variance %s",
              c, groups, c / groups, c / groups == 1 ? "channel" : "channels", t, group);
      case MEAN_BY_INTEGER_DIVISION ->
          String.format(
              "%s matches a mean of 0 in every group: with an int m = C/G*H*W = %d*%d*%d = %d, 1 /"
                  + " m is 0 in Java (integer division), and so is 1 / m * sum(x); write sum(x) /"
                  + " m or 1.0 / m. The variance became the mean of x^2, not of (x - mean)^2",
              t, c / groups, x.dim(2), x.dim(3), m);
    };
  }
}
