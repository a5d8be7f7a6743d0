package org.cnngrader.layers.batchnorm;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.cnngrader.bounds.LayerBounds;
import org.cnngrader.compare.ElementBounds;
import org.cnngrader.compare.SumErrorBound;
import org.cnngrader.layers.norm.NormBounds;
import org.cnngrader.layers.norm.NormFormula;
import org.cnngrader.layers.norm.NormGrouping;
import org.cnngrader.layers.norm.NormStats;
import org.cnngrader.tensor.Shape;
import org.cnngrader.tensor.Tensor;

/**
 * The rounding bounds of a batch-norm history: the last train batch's out and gradients as {@link
 * NormBounds} gives them; the running statistics carried through every update, running = momentum *
 * running + (1 - momentum) * statistic, each adding its terms' rounding (three operations) to the
 * errors it carries; out_test from the running statistics' errors as x_hat's from a batch's (see
 * {@link NormBounds}).
 */
public final class BatchNormBounds implements LayerBounds {

  private static final double U = SumErrorBound.UNIT_ROUNDOFF;

  private final NormFormula formula;
  private final Tensor xTrain;
  private final Tensor gamma;
  private final Tensor beta;
  private final Tensor dout;
  private final Tensor xTest;
  private final double eps;
  private final double momentum;
  // Filled by the diagnoses of submissions graded at the same time.
  private final Map<BatchNormMistake, BatchNormBounds> byMistake = new ConcurrentHashMap<>();
  private final NormBounds last;
  private final double[] runningMean;
  private final double[] runningVar;
  private final double[] outTest;

  /**
   * The bounds of the history of {@code xTrain}, normalized by {@code formula} (the layer's, or a
   * mistake's), the running statistics kept with {@code momentum}.
   */
  public BatchNormBounds(
      NormFormula formula,
      Tensor xTrain,
      Tensor gamma,
      Tensor beta,
      Tensor dout,
      Tensor xTest,
      double eps,
      double momentum) {
    this.formula = formula;
    this.xTrain = xTrain;
    this.gamma = gamma;
    this.beta = beta;
    this.dout = dout;
    this.xTest = xTest;
    this.eps = eps;
    this.momentum = momentum;
    Shape batch = SpatialBatchNormLayer.batchShape(xTrain.shape());
    int channels = batch.dim(1);
    double[] mean = new double[channels];
    double[] var = new double[channels];
    double[] meanError = new double[channels];
    double[] varError = new double[channels];
    NormBounds bounds = null;
    for (int t = 0; t < xTrain.shape().dim(0); t++) {
      Tensor x = SpatialBatchNormLayer.batch(xTrain, t);
      NormStats stats = NormStats.of(NormGrouping.perChannel(batch), formula, x, eps);
      bounds = new NormBounds(stats, x, gamma, beta, t == xTrain.shape().dim(0) - 1 ? dout : null);
      for (int c = 0; c < channels; c++) {
        double keep = momentum * mean[c];
        double add = (1 - momentum) * stats.mean(c);
        meanError[c] =
            momentum * meanError[c]
                + (1 - momentum) * bounds.meanError(c)
                + 3 * U * (Math.abs(keep) + Math.abs(add));
        mean[c] = keep + add;
        double keepVar = momentum * var[c];
        double addVar = (1 - momentum) * stats.variance(c);
        varError[c] =
            momentum * varError[c]
                + (1 - momentum) * bounds.varianceError(c)
                + 3 * U * (Math.abs(keepVar) + Math.abs(addVar));
        var[c] = keepVar + addVar;
      }
    }
    last = bounds;
    runningMean = meanError;
    runningVar = varError;
    outTest = new double[xTest.size()];
    int plane = xTest.shape().dim(2) * xTest.shape().dim(3);
    for (int i = 0; i < xTest.size(); i++) {
      int c = (i / plane) % channels;
      double s = formula.std(var[c], eps);
      double stdError =
          formula.epsInsideRoot()
              ? (varError[c] + U * (var[c] + eps)) / (2 * s) + U * s
              : Math.min(varError[c] / (2 * Math.sqrt(var[c])), Math.sqrt(varError[c])) + 2 * U * s;
      double xHat = Math.abs((xTest.get(i) - mean[c]) / s);
      double xHatError =
          (meanError[c] + U * Math.abs(xTest.get(i) - mean[c])) / s + xHat * (stdError / s + 2 * U);
      double scale = Math.abs(gamma.get(c));
      outTest[i] = scale * xHatError + 2 * U * (scale * xHat + Math.abs(beta.get(c)));
    }
  }

  @Override
  public ElementBounds of(String tensor) {
    return switch (tensor) {
      case "out", "dx", "dgamma", "dbeta" -> last.of(tensor);
      case "running_mean" -> NormBounds.bounds(runningMean);
      case "running_var" -> NormBounds.bounds(runningVar);
      case "out_test" -> NormBounds.bounds(outTest);
      default -> throw new IllegalArgumentException("batch norm computes no tensor " + tensor);
    };
  }

  /**
   * A mistake of the formula, or momentum reversed, is bounded by the same history run with the
   * mistake's formula or momentum; the others as the right result.
   */
  @Override
  public ElementBounds ofMistake(String mistake, String tensor) {
    for (BatchNormMistake known : BatchNormMistake.values()) {
      if (known.key().equals(mistake) && formula.equals(NormFormula.STANDARD)) {
        Optional<BatchNormBounds> own = mistaken(known);
        if (own.isPresent()) {
          return own.get().of(tensor);
        }
      }
    }
    return of(tensor);
  }

  private Optional<BatchNormBounds> mistaken(BatchNormMistake mistake) {
    Optional<NormFormula> other = mistake.formula();
    boolean oneValue =
        NormGrouping.perChannel(SpatialBatchNormLayer.batchShape(xTrain.shape())).groupSize() < 2;
    if (other.isPresent() && !(other.get().unbiased() && oneValue)) {
      return Optional.of(
          byMistake.computeIfAbsent(
              mistake,
              k ->
                  new BatchNormBounds(
                      other.get(), xTrain, gamma, beta, dout, xTest, eps, momentum)));
    }
    if (mistake == BatchNormMistake.MOMENTUM_REVERSED) {
      return Optional.of(
          byMistake.computeIfAbsent(
              mistake,
              k ->
                  new BatchNormBounds(
                      formula, xTrain, gamma, beta, dout, xTest, eps, 1 - momentum)));
    }
    return Optional.empty();
  }
}
