package org.cnngrader.reference;

import org.cnngrader.layers.norm.NormFormula;
import org.cnngrader.tensor.Tensor;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * ND4J's {@code batchnorm} op in double precision, NCHW: gamma * (x - mean)/sqrt(var + eps) + beta
 * per channel, with the mean and variance given (the op does not compute a batch's statistics).
 */
final class Nd4jBatchNorm {

  private static final int APPLY_SCALE = 1;
  private static final int APPLY_OFFSET = 1;
  private static final int CHANNEL_AXIS = 1;

  private Nd4jBatchNorm() {}

  /** The op on {@code x} with these per-channel statistics. */
  static Tensor apply(
      Tensor x, Tensor mean, Tensor variance, Tensor gamma, Tensor beta, double eps) {
    try (INDArray xs = Nd4jArrays.array(x);
        INDArray means = Nd4jArrays.array(mean);
        INDArray variances = Nd4jArrays.array(variance);
        INDArray gammas = Nd4jArrays.array(gamma);
        INDArray betas = Nd4jArrays.array(beta);
        INDArray out = Nd4jArrays.zeros(x.shape())) {
      Nd4j.exec(
          DynamicCustomOp.builder("batchnorm")
              .addInputs(xs, means, variances, gammas, betas)
              .addOutputs(out)
              .addIntegerArguments(APPLY_SCALE, APPLY_OFFSET, CHANNEL_AXIS)
              .addFloatingPointArguments(eps)
              .build());
      return Nd4jArrays.tensor(out, x.shape());
    }
  }

  /**
   * Test mode: {@code x} normalized with the running statistics, by the op where the formula is the
   * layer's; a mistake's formula (eps after the root) composed from array operations.
   */
  static Tensor withRunning(
      NormFormula formula,
      Tensor x,
      Tensor mean,
      Tensor variance,
      Tensor gamma,
      Tensor beta,
      double eps) {
    if (formula.epsInsideRoot()) {
      return apply(x, mean, variance, gamma, beta, eps);
    }
    long[] shape = Nd4jArrays.toLong(x.shape());
    long[] perChannel = {1, shape[1], 1, 1};
    INDArray means = Nd4jArrays.array(mean).reshape('c', perChannel).broadcast(shape);
    INDArray std =
        Transforms.sqrt(Nd4jArrays.array(variance))
            .addi(eps)
            .reshape('c', perChannel)
            .broadcast(shape);
    INDArray gammas = Nd4jArrays.array(gamma).reshape('c', perChannel).broadcast(shape);
    INDArray betas = Nd4jArrays.array(beta).reshape('c', perChannel).broadcast(shape);
    INDArray out = Nd4jArrays.array(x).sub(means).divi(std).muli(gammas).addi(betas);
    return Nd4jArrays.tensor(out, x.shape());
  }
}
