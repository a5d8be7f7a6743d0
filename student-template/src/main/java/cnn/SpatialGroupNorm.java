package cnn;

/**
 * Spatial group normalization: forward and backward pass, in plain Java.
 *
 * <h2>Shapes</h2>
 *
 * <ul>
 *   <li>input {@code x[N][C][H][W]}: N images, each with C channels of H rows and W columns; the C
 *       channels form G groups of C/G neighbouring channels (G divides C);
 *   <li>{@code gamma[C]} and {@code beta[C]}: one scale and one shift per channel;
 *   <li>output {@code out[N][C][H][W]}: a normalization changes values, never the shape.
 * </ul>
 *
 * <h2>What forward computes</h2>
 *
 * For each image n and each group g, over the group's C/G channels and all H x W positions (m =
 * (C/G)*H*W values):
 *
 * <pre>
 * mean  = the sum of those values / m
 * var   = the sum of (x - mean)^2 / m             (the biased variance: divide by m, not m - 1)
 * x_hat = (x - mean) / sqrt(var + eps)            (eps under the square root)
 * out[n][c][h][w] = gamma[c] * x_hat[n][c][h][w] + beta[c]
 * </pre>
 *
 * G = 1 is layer normalization; G = C normalizes each channel alone (instance normalization).
 *
 * <h2>What backward computes</h2>
 *
 * Given {@code dout[N][C][H][W]}, the gradient of the loss with respect to {@code out} of the
 * latest call to {@link #forward}, backward returns dx (shaped like x), dgamma and dbeta (one value
 * per channel, summed over N, H and W). Every x of a group moves the group's mean and variance, so
 * dx has three terms, with dxhat = dout * gamma and the means over the group:
 *
 * <pre>
 * dx = (dxhat - mean(dxhat) - x_hat * mean(dxhat * x_hat)) / sqrt(var + eps)
 * </pre>
 *
 * <p>Do not change the constructor's or the methods' signatures: the grader calls exactly these.
 */
public class SpatialGroupNorm {

  private final int groups;
  private final double eps;

  /**
   * @param groups G, the number of groups the channels form; it divides C
   * @param eps added to the variance under the square root, above 0
   */
  public SpatialGroupNorm(int groups, double eps) {
    this.groups = groups;
    this.eps = eps;
  }

  /**
   * The forward pass.
   *
   * @param x input, {@code [N][C][H][W]}
   * @param gamma scale, {@code [C]}
   * @param beta shift, {@code [C]}
   * @return {@code out[N][C][H][W]}
   */
  public double[][][][] forward(double[][][][] x, double[] gamma, double[] beta) {
    throw new UnsupportedOperationException("TODO: implement SpatialGroupNorm.forward");
  }

  /**
   * The backward pass, for the latest call to {@link #forward}.
   *
   * @param dout upstream gradient, {@code [N][C][H][W]}
   * @return dx {@code [N][C][H][W]}, dgamma {@code [C]} and dbeta {@code [C]}
   */
  public NormGradients backward(double[][][][] dout) {
    throw new UnsupportedOperationException("TODO: implement SpatialGroupNorm.backward");
  }
}
