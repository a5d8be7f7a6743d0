package cnn;

/**
 * A max-pooling layer: forward and backward pass, in plain Java.
 *
 * <h2>Shapes</h2>
 *
 * <ul>
 *   <li>input {@code x[N][C][H][W]}: N images, each with C channels of H rows and W columns;
 *   <li>output {@code out[N][C][H'][W']}: pooling works on each channel alone, so the depth C
 *       stays.
 * </ul>
 *
 * <h2>Output size</h2>
 *
 * A window of {@code poolHeight} rows and {@code poolWidth} columns slides over each channel,
 * {@code stride} positions at a time, without padding: the same rule as a convolution's with P = 0.
 * Along the height the free room H - poolHeight is crossed in (H - poolHeight)/stride steps, plus
 * the starting position:
 *
 * <pre>
 * H' = (H - poolHeight)/stride + 1        W' = (W - poolWidth)/stride + 1
 * </pre>
 *
 * For H = 4, a 2x2 window and stride 2: (4 - 2)/2 + 1 = 2. Graded cases always divide evenly.
 *
 * <h2>What forward computes</h2>
 *
 * <pre>
 * out[n][c][i][j] = the max over p &lt; poolHeight, q &lt; poolWidth of x[n][c][i*stride + p][j*stride + q]
 * </pre>
 *
 * <h2>What backward computes</h2>
 *
 * Given {@code dout[N][C][H'][W']}, the gradient of the loss with respect to {@code out} of the
 * latest call to {@link #forward}, backward returns dx, shaped like x. Only the maximum of a window
 * reaches out, so only it gets that window's gradient: dx is zero except at each window's maximum,
 * which gets {@code dout[n][c][i][j]}. Where windows overlap (stride below the window's size) an
 * element can be the maximum of several windows: it gets the <em>sum</em> of their dout. No graded
 * window holds its maximum twice.
 *
 * <p>Do not change the constructor's or the methods' signatures: the grader calls exactly these.
 */
public class MaxPool2d {

  private final int poolHeight;
  private final int poolWidth;
  private final int stride;

  /**
   * @param poolHeight the window's height, at least 1
   * @param poolWidth the window's width, at least 1
   * @param stride how far the window moves between positions, at least 1
   */
  public MaxPool2d(int poolHeight, int poolWidth, int stride) {
    this.poolHeight = poolHeight;
    this.poolWidth = poolWidth;
    this.stride = stride;
  }

  /**
   * The forward pass.
   *
   * @param x input, {@code [N][C][H][W]}
   * @return {@code out[N][C][H'][W']} with {@code H' = (H - poolHeight)/stride + 1} and {@code W' =
   *     (W - poolWidth)/stride + 1}
   */
  public double[][][][] forward(double[][][][] x) {
    throw new UnsupportedOperationException("TODO: implement MaxPool2d.forward");
  }

  /**
   * The backward pass, for the input of the latest call to {@link #forward}.
   *
   * @param dout upstream gradient, {@code [N][C][H'][W']}
   * @return dx, {@code [N][C][H][W]}
   */
  public double[][][][] backward(double[][][][] dout) {
    throw new UnsupportedOperationException("TODO: implement MaxPool2d.backward");
  }
}
