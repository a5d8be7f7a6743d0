package cnn;

/**
 * The gradients of the loss with respect to a convolution layer's inputs and parameters, as
 * returned by {@link Conv2d#backward(double[][][][])}.
 *
 * @param dx gradient with respect to the input x, the same shape as x: [N][C][H][W]
 * @param dw gradient with respect to the filters w, the same shape as w: [F][C][HH][WW]
 * @param db gradient with respect to the biases b, the same shape as b: [F]
 */
public record Gradients(double[][][][] dx, double[][][][] dw, double[] db) {}
