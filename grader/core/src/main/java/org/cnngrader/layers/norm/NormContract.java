package org.cnngrader.layers.norm;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.cnngrader.layer.InvalidCase;
import org.cnngrader.layer.LayerTolerance;
import org.cnngrader.layer.Params;
import org.cnngrader.runner.Result;
import org.cnngrader.runner.ValueType;
import org.cnngrader.tensor.Shape;
import org.cnngrader.tensor.Tensor;

/** What the normalization layers share in their contracts: backward's record, and eps. */
public final class NormContract {

  /** backward's result: the template's record NormGradients(dx, dgamma, dbeta). */
  public static final Result.RecordOf GRADIENTS =
      Result.RecordOf.of(
          "NormGradients",
          Result.RecordOf.component("dx", ValueType.TENSOR4),
          Result.RecordOf.component("dgamma", ValueType.TENSOR1),
          Result.RecordOf.component("dbeta", ValueType.TENSOR1));

  /**
   * The tolerance the normalizations state for a description of them: relative as CS231n's checks,
   * with an absolute floor for elements near zero (a normalized value, a gradient summed over the
   * batch) far above what rounding makes of them and far below any mistake.
   */
  public static final LayerTolerance TOLERANCE = new LayerTolerance(1e-7, 1e-10);

  /** Which input each of backward's gradients belongs to. */
  public static final Map<String, String> GRADIENT_INPUTS = gradientInputs();

  private NormContract() {}

  private static Map<String, String> gradientInputs() {
    Map<String, String> inputs = new LinkedHashMap<>();
    inputs.put("dx", "x");
    inputs.put("dgamma", "gamma");
    inputs.put("dbeta", "beta");
    return inputs;
  }

  /** eps keeps sqrt(var + eps) above 0 for a group whose values are all equal. */
  public static void requirePositiveEps(Params params) {
    if (!(params.real("eps") > 0)) {
      throw new InvalidCase(
          "params.eps", "eps must be above 0 (it keeps sqrt(var + eps) above 0), found " + params);
    }
  }

  /** Values drawn uniformly from centre - spread to centre + spread: a small case's inputs. */
  public static Tensor draw(Shape shape, SplittableRandom random, double spread, double centre) {
    double[] values = new double[shape.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = centre + random.nextDouble(-spread, spread);
    }
    return new Tensor(shape, values);
  }
}
