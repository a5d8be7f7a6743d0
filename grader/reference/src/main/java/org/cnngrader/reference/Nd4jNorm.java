package org.cnngrader.reference;

import java.util.Arrays;
import org.cnngrader.layers.norm.NormFormula;
import org.cnngrader.layers.norm.NormGrouping;
import org.cnngrader.tensor.Shape;
import org.cnngrader.tensor.Tensor;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * A normalization and its gradients composed from ND4J's double-precision array operations (ND4J
 * has no group-norm op, and its batchnorm op takes the statistics as given): x seen as [N, G, C/G,
 * H, W], the mean and variance over the grouping's axes, out = gamma * (x - mean)/f(var) + beta
 * with f(var) = sqrt(var + eps) (or a mistake's formula), and
 *
 * <pre>
 * dx = (dxhat - sum(dxhat)/m)/f - 2 f'(var)/(k f^2) * (x - mean) * sum(dxhat * (x - mean))
 * </pre>
 *
 * with dxhat = dout * gamma, the sums over the group, m its size and k the variance's divisor;
 * dgamma = sum(dout * x_hat) and dbeta = sum(dout) over N, H and W. A formula whose mean is 0
 * (integer division) keeps the mean at 0 throughout.
 */
final class Nd4jNorm {

  private final NormGrouping grouping;
  private final long[] view;
  private final long[] shape;
  private final int[] axes;
  private final int m;
  private final int k;
  private final INDArray centred;
  private final INDArray mean;
  private final INDArray variance;
  private final INDArray std;
  private final INDArray xHat;
  private final INDArray gamma;
  private final INDArray beta;
  private final INDArray variancePath;

  /** Normalizes {@code x} as {@code grouping} and {@code formula} say. */
  Nd4jNorm(
      NormGrouping grouping, NormFormula formula, Tensor x, Tensor gamma, Tensor beta, double eps) {
    this.grouping = grouping;
    this.view = Arrays.stream(grouping.view()).asLongStream().toArray();
    this.shape = Nd4jArrays.toLong(x.shape());
    this.axes = grouping.reducedAxes();
    this.m = grouping.groupSize();
    this.k = formula.divisor(m);
    INDArray xs = Nd4jArrays.array(x).reshape('c', view);
    mean = formula.zeroMean() ? xs.mean(true, axes).muli(0) : xs.mean(true, axes);
    centred = xs.sub(mean.broadcast(view));
    variance = centred.mul(centred).sum(true, axes).divi(k);
    INDArray derivative;
    if (formula.epsInsideRoot()) {
      std = Transforms.sqrt(variance.add(eps));
      derivative = Transforms.pow(std, -1).muli(0.5);
    } else {
      INDArray root = Transforms.sqrt(variance);
      std = root.add(eps);
      derivative = Transforms.pow(root, -1).muli(0.5);
    }
    // 2 f'(var)/(k f^2): how much the variance's path weighs in dx.
    variancePath = derivative.muli(2).divi(std.mul(std)).divi(k);
    xHat = centred.div(std.broadcast(view)).reshape('c', shape);
    long[] perChannel = {1, shape[1], 1, 1};
    this.gamma = Nd4jArrays.array(gamma).reshape('c', perChannel).broadcast(shape);
    this.beta = Nd4jArrays.array(beta).reshape('c', perChannel).broadcast(shape);
  }

  /** Each group's mean, in group order. */
  Tensor mean() {
    return groupValues(mean);
  }

  /** Each group's variance (by the formula's divisor), in group order. */
  Tensor variance() {
    return groupValues(variance);
  }

  private Tensor groupValues(INDArray values) {
    int groups = grouping.groupCount();
    return Nd4jArrays.tensor(values.reshape('c', new long[] {groups}), Shape.of(groups));
  }

  /** gamma * x_hat + beta. */
  Tensor out() {
    return Nd4jArrays.tensor(xHat.mul(gamma).addi(beta), grouping.x());
  }

  /** dL/dx, through x_hat directly and through the group's mean and variance. */
  Tensor dx(Tensor dout) {
    INDArray dxHat = Nd4jArrays.array(dout).mul(gamma).reshape('c', view);
    INDArray meanOfDxHat = dxHat.sum(true, axes).divi(m);
    INDArray alongCentred = dxHat.mul(centred).sum(true, axes).muli(variancePath);
    INDArray dx =
        dxHat
            .sub(meanOfDxHat.broadcast(view))
            .divi(std.broadcast(view))
            .subi(centred.mul(alongCentred.broadcast(view)));
    return Nd4jArrays.tensor(dx.reshape('c', shape), grouping.x());
  }

  /** dout * gamma / f: dx as if the mean and variance were constants (a mistake). */
  Tensor dxThroughXHatOnly(Tensor dout) {
    INDArray dxHat = Nd4jArrays.array(dout).mul(gamma).reshape('c', view);
    return Nd4jArrays.tensor(dxHat.divi(std.broadcast(view)).reshape('c', shape), grouping.x());
  }

  /** sum(dout * x_hat) over N, H and W: one value per channel. */
  Tensor dgamma(Tensor dout) {
    return perChannel(Nd4jArrays.array(dout).mul(xHat).sum(0, 2, 3));
  }

  /** sum(dout) over N, H and W: one value per channel. */
  Tensor dbeta(Tensor dout) {
    return perChannel(Nd4jArrays.array(dout).sum(0, 2, 3));
  }

  /** dgamma summed over H and W of the last sample alone (a mistake). */
  Tensor dgammaOfLastSample(Tensor dout) {
    return perChannel(Nd4jArrays.array(dout).mul(xHat).sum(2, 3).getRow(shape[0] - 1).dup());
  }

  /** dbeta summed over H and W of the last sample alone (a mistake). */
  Tensor dbetaOfLastSample(Tensor dout) {
    return perChannel(Nd4jArrays.array(dout).sum(2, 3).getRow(shape[0] - 1).dup());
  }

  private Tensor perChannel(INDArray values) {
    return Nd4jArrays.tensor(values.reshape('c', new long[] {shape[1]}), Shape.of((int) shape[1]));
  }
}
