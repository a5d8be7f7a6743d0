package cnn;

/**
 * Spatial batch normalization: forward (train and test mode) and backward, in plain Java.
 *
 * <h2>Shapes</h2>
 *
 * <ul>
 *   <li>input {@code x[N][C][H][W]}: N images, each with C channels of H rows and W columns;
 *   <li>{@code gamma[C]} and {@code beta[C]}: one scale and one shift per channel;
 *   <li>output {@code out[N][C][H][W]}: a normalization changes values, never the shape.
 * </ul>
 *
 * <h2>What forward computes in train mode</h2>
 *
 * For each channel c, over all N images and all H x W positions (m = N*H*W values):
 *
 * <pre>
 * mean  = the sum of x[n][c][h][w] over n, h, w / m
 * var   = the sum of (x - mean)^2 / m             (the biased variance: divide by m, not m - 1)
 * x_hat = (x - mean) / sqrt(var + eps)            (eps under the square root)
 * out[n][c][h][w] = gamma[c] * x_hat[n][c][h][w] + beta[c]
 * </pre>
 *
 * and then updates the running statistics, which start at 0:
 *
 * <pre>
 * runningMean[c] = momentum * runningMean[c] + (1 - momentum) * mean
 * runningVar[c]  = momentum * runningVar[c]  + (1 - momentum) * var
 * </pre>
 *
 * <h2>What forward computes in test mode</h2>
 *
 * The same normalization with the running statistics instead of the batch's, {@code (x -
 * runningMean[c]) / sqrt(runningVar[c] + eps)}; test mode changes nothing.
 *
 * <h2>What backward computes</h2>
 *
 * Given {@code dout[N][C][H][W]}, the gradient of the loss with respect to {@code out} of the
 * latest call to {@link #forward} in train mode, backward returns dx (shaped like x), dgamma and
 * dbeta (one value per channel, summed over N, H and W). Every x of a channel moves the channel's
 * batch mean and variance, so dx has three terms, with dxhat = dout * gamma and the means over N, H
 * and W:
 *
 * <pre>
 * dx = (dxhat - mean(dxhat) - x_hat * mean(dxhat * x_hat)) / sqrt(var + eps)
 * </pre>
 *
 * <p>Do not change the constructor's or the methods' signatures: the grader calls exactly these.
 */
public class SpatialBatchNorm {

  private final double eps;
  private final double momentum;
  private final double[] runningMean;
  private final double[] runningVar;

  /**
   * @param channels C, the number of channels
   * @param eps added to the variance under the square root, above 0
   * @param momentum how much of the running statistics each train-mode forward keeps, 0 to 1
   */
  public SpatialBatchNorm(int channels, double eps, double momentum) {
    this.eps = eps;
    this.momentum = momentum;
    this.runningMean = new double[channels];
    this.runningVar = new double[channels];
  }

  /**
   * The forward pass.
   *
   * @param x input, {@code [N][C][H][W]}
   * @param gamma scale, {@code [C]}
   * @param beta shift, {@code [C]}
   * @param train true to normalize with the batch's statistics and update the running ones; false
   *     to normalize with the running statistics
   * @return {@code out[N][C][H][W]}
   */
  public double[][][][] forward(double[][][][] x, double[] gamma, double[] beta, boolean train) {
    throw new UnsupportedOperationException("TODO: implement SpatialBatchNorm.forward");
  }

  /** The running mean, one value per channel. */
  public double[] runningMean() {
    return runningMean;
  }

  /** The running variance, one value per channel. */
  public double[] runningVar() {
    return runningVar;
  }

  /**
   * The backward pass, for the latest call to {@link #forward} in train mode.
   *
   * @param dout upstream gradient, {@code [N][C][H][W]}
   * @return dx {@code [N][C][H][W]}, dgamma {@code [C]} and dbeta {@code [C]}
   */
  public NormGradients backward(double[][][][] dout) {
    throw new UnsupportedOperationException("TODO: implement SpatialBatchNorm.backward");
  }
}
