package cnn;

/**
 * The gradients of the loss with respect to a normalization layer's input and parameters, as
 * returned by {@link SpatialBatchNorm#backward(double[][][][])} and {@link
 * SpatialGroupNorm#backward(double[][][][])}.
 *
 * @param dx gradient with respect to the input x, the same shape as x: [N][C][H][W]
 * @param dgamma gradient with respect to the scale gamma: [C]
 * @param dbeta gradient with respect to the shift beta: [C]
 */
public record NormGradients(double[][][][] dx, double[] dgamma, double[] dbeta) {}
