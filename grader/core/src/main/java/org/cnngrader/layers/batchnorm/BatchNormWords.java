package org.cnngrader.layers.batchnorm;

import java.util.Locale;
import org.cnngrader.tensor.Shape;

/** Words batch norm's mistakes in the lesson's terms, with the case's own numbers. */
final class BatchNormWords {

  private BatchNormWords() {}

  static String likelyMistake(
      BatchNormMistake mistake, String t, Shape xTrain, double momentum, double eps) {
    int n = xTrain.dim(1);
    int c = xTrain.dim(2);
    int m = n * xTrain.dim(3) * xTrain.dim(4);
    String perChannel =
        String.format(
            "per channel, over N, H and W (m = N*H*W = %d*%d*%d = %d values)",
            n, xTrain.dim(3), xTrain.dim(4), m);
    String update =
        String.format(
            Locale.ROOT,
            "running = momentum * running + (1 - momentum) * batch statistic = %s * running + %s"
                + " * batch statistic",
            format(momentum),
            format(1 - momentum));
    return switch (mistake) {
      case UNBIASED_VARIANCE ->
          String.format(
              "the variance was divided by m - 1 = %d instead of m = %d: %s matches the unbiased"
                  + " variance; the layer uses the biased one, the mean of (x - mean)^2 %s, in"
                  + " normalizing and in the running variance alike",
              m - 1, m, t, perChannel);
      case EPS_OUTSIDE_SQRT ->
          t
              + " matches (x - mean)/(sqrt(var) + eps): eps was added outside the square root;"
              + " the layer divides by sqrt(var + eps), in train and test mode";
      case MOMENTUM_REVERSED ->
          String.format(
              "momentum and 1 - momentum were swapped: %s matches running = %s * running + %s *"
                  + " batch statistic; the update is %s",
              t, format(1 - momentum), format(momentum), update);
      case RUNNING_NOT_UPDATED ->
          t
              + " matches running statistics that stay 0: each train-mode forward updates them, "
              + update;
      case UPDATED_IN_TEST_MODE ->
          t
              + " matches running statistics that the test-mode forward updated too: test mode"
              + " reads them and changes nothing; only train mode updates them";
      case TEST_USES_BATCH_STATISTICS ->
          "out_test matches the test batch normalized with its own mean and variance: test mode"
              + " uses the running mean and variance, (x - running_mean)/sqrt(running_var + eps)";
      case PER_SAMPLE ->
          String.format(
              "each sample was normalized over its C, H and W: %s matches a mean and variance per"
                  + " sample; batch norm takes them %s, with C = %d channels normalized apart",
              t, perChannel, c);
      case OVER_N_ONLY ->
          String.format(
              "the statistics were taken over N alone, for each channel and position: %s matches"
                  + " that; spatial batch norm takes them %s",
              t, perChannel);
      case LAST_SAMPLE_ONLY ->
          String.format(
              "%s holds only the last sample's sum: gamma and beta are shared by all N = %d"
                  + " samples, so %s adds up %s over N, H and W (+= across samples, not =)",
              t, n, t, t.equals("dbeta") ? "dout" : "dout * x_hat");
      case DX_WITHOUT_STATISTICS ->
          "dx matches dout * gamma / sqrt(var + eps), as if the batch mean and variance were"
              + " constants; every x moves its channel's mean and variance, so dx = (dxhat -"
              + " mean(dxhat) - x_hat * mean(dxhat * x_hat)) / sqrt(var + eps), the means over N,"
              + " H and W, with dxhat = dout * gamma";
      case EPS_IN_RUNNING_VARIANCE ->
          String.format(
              Locale.ROOT,
              "%s matches running variances that absorbed eps: var + eps was kept as the batch"
                  + " variance, so each update added (1 - momentum) * eps = %s to running_var;"
                  + " the running variance averages the biased variance itself, and eps goes only"
                  + " under the square root, sqrt(var + eps)",
              t,
              format((1 - momentum) * eps));
      case TEST_WITHOUT_GAMMA_BETA ->
          "out_test matches (x - running_mean)/sqrt(running_var + eps) without gamma and beta:"
              + " test mode scales and shifts as train mode does, out = gamma * x_hat + beta, only"
              + " x_hat uses the running mean and variance";
      case MEAN_BY_INTEGER_DIVISION ->
          String.format(
              "%s matches a mean of 0 in every channel: with an int m = N*H*W = %d*%d*%d = %d, 1 /"
                  + " m is 0 in Java (integer division), and so is 1 / m * sum(x); write sum(x) /"
                  + " m or 1.0 / m. The variance became the mean of x^2, not of (x - mean)^2, and"
                  + " the running mean stays 0",
              t, n, xTrain.dim(3), xTrain.dim(4), m);
    };
  }

  /** Six significant digits without trailing zeros: 0.9, 1e-06. */
  private static String format(double value) {
    return String.format(Locale.ROOT, "%.6g", value)
        .replaceAll("(\\.\\d*?)0+(?=e|$)", "$1")
        .replaceAll("\\.(?=e|$)", "");
  }
}
