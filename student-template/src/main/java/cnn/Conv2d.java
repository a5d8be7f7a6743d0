package cnn;

/**
 * A convolution layer: forward and backward pass, in plain Java.
 *
 * <h2>Shapes</h2>
 *
 * <ul>
 *   <li>input {@code x[N][C][H][W]}: N images, each with C channels of H rows and W columns;
 *   <li>filters {@code w[F][C][HH][WW]}: F filters, each HH by WW, and each spanning the <em>full
 *       depth</em> of the input: a filter has one HH x WW slice per input channel, and its response
 *       sums over all C channels;
 *   <li>biases {@code b[F]}: one per filter;
 *   <li>output {@code out[N][F][H'][W']}: one output channel per filter.
 * </ul>
 *
 * <h2>Output size, one step at a time</h2>
 *
 * Height and width work the same way, so look at the width only, for an input of width W = 5 and a
 * filter of width F = 3 (WW in the code).
 *
 * <ol>
 *   <li>Slide the filter one position at a time. It fits at W - F + 1 = 5 - 3 + 1 = 3 positions.
 *   <li>With a stride S the filter moves S positions at a time. The free room W - F is crossed in
 *       (W - F)/S steps, plus the starting position: (W - F)/S + 1. For S = 2: (5 - 3)/2 + 1 = 2.
 *   <li>Zero padding P adds P zeros on the left and P on the right (and on the top and bottom), so
 *       the input grows by 2P: <b>W' = (W - F + 2P)/S + 1</b>. For P = 1, S = 2: (5 - 3 + 2)/2 + 1
 *       = 3.
 * </ol>
 *
 * In this class's names: {@code H' = (H - HH + 2*pad)/stride + 1} and {@code W' = (W - WW +
 * 2*pad)/stride + 1}. Graded cases always divide evenly.
 *
 * <h2>What forward computes</h2>
 *
 * Cross-correlation (the filter is not flipped), with zero padding on all four sides:
 *
 * <pre>
 * out[n][f][i][j] = b[f] + sum over c, p, q of xpad[n][c][i*stride + p][j*stride + q] * w[f][c][p][q]
 * </pre>
 *
 * where {@code xpad} is x with {@code pad} zeros around each H x W slice, c runs over all C
 * channels, p over 0..HH-1 and q over 0..WW-1.
 *
 * <h2>What backward computes</h2>
 *
 * Given {@code dout[N][F][H'][W']}, the gradient of the loss with respect to {@code out} of the
 * latest call to {@link #forward}, backward returns dx (shape of x), dw (shape of w) and db (shape
 * of b). Gradients of the padded zeros are dropped: dx has the shape of the unpadded x. dw and db
 * sum over every image of the batch.
 *
 * <p>Do not change the constructor's or the methods' signatures: the grader calls exactly these.
 */
public class Conv2d {

  private final int stride;
  private final int pad;

  /**
   * @param stride how far the filter moves between positions, at least 1
   * @param pad how many zeros to add on each side of each input slice, at least 0
   */
  public Conv2d(int stride, int pad) {
    this.stride = stride;
    this.pad = pad;
  }

  /**
   * The forward pass.
   *
   * @param x input, {@code [N][C][H][W]}
   * @param w filters, {@code [F][C][HH][WW]}
   * @param b biases, {@code [F]}
   * @return {@code out[N][F][H'][W']} with {@code H' = (H - HH + 2*pad)/stride + 1} and {@code W' =
   *     (W - WW + 2*pad)/stride + 1}
   */
  public double[][][][] forward(double[][][][] x, double[][][][] w, double[] b) {
    throw new UnsupportedOperationException("TODO: implement Conv2d.forward");
  }

  /**
   * The backward pass, for the inputs of the latest call to {@link #forward}.
   *
   * @param dout upstream gradient, {@code [N][F][H'][W']}
   * @return dx {@code [N][C][H][W]}, dw {@code [F][C][HH][WW]} and db {@code [F]}
   */
  public Gradients backward(double[][][][] dout) {
    throw new UnsupportedOperationException("TODO: implement Conv2d.backward");
  }
}
