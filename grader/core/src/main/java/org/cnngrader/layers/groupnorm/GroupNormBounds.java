package org.cnngrader.layers.groupnorm;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.cnngrader.bounds.LayerBounds;
import org.cnngrader.compare.ElementBounds;
import org.cnngrader.layers.norm.NormBounds;
import org.cnngrader.layers.norm.NormFormula;
import org.cnngrader.layers.norm.NormGrouping;
import org.cnngrader.layers.norm.NormStats;
import org.cnngrader.tensor.Tensor;

/**
 * Group norm's rounding bounds: {@link NormBounds} of the layer's grouping, and for a mistake in
 * the statistics those of the mistake's grouping and formula ({@link GroupNormModel}), worked out
 * when a diagnosis first asks for them.
 */
final class GroupNormBounds implements LayerBounds {

  private final Tensor x;
  private final Tensor gamma;
  private final Tensor beta;
  private final Tensor dout;
  private final double eps;
  private final int groups;
  private final NormBounds right;
  // Filled by the diagnoses of submissions graded at the same time.
  private final Map<GroupNormMistake, NormBounds> byMistake = new ConcurrentHashMap<>();

  GroupNormBounds(Tensor x, Tensor gamma, Tensor beta, Tensor dout, double eps, int groups) {
    this.x = x;
    this.gamma = gamma;
    this.beta = beta;
    this.dout = dout;
    this.eps = eps;
    this.groups = groups;
    this.right =
        bounds(new GroupNormModel(NormGrouping.perGroup(x.shape(), groups), NormFormula.STANDARD));
  }

  @Override
  public ElementBounds of(String tensor) {
    return right.of(tensor);
  }

  @Override
  public ElementBounds ofMistake(String mistake, String tensor) {
    for (GroupNormMistake known : GroupNormMistake.values()) {
      if (known.key().equals(mistake)) {
        Optional<GroupNormModel> model = GroupNormModel.of(known, x.shape(), groups);
        if (model.isPresent()) {
          return byMistake.computeIfAbsent(known, k -> bounds(model.get())).of(tensor);
        }
      }
    }
    return of(tensor);
  }

  private NormBounds bounds(GroupNormModel model) {
    return new NormBounds(
        NormStats.of(model.grouping(), model.formula(), x, eps), x, gamma, beta, dout);
  }
}
