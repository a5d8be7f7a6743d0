package org.cnngrader.layers.groupnorm;

import java.util.Optional;
import org.cnngrader.layers.norm.NormFormula;
import org.cnngrader.layers.norm.NormGrouping;
import org.cnngrader.tensor.Shape;

/**
 * What a group-norm layer with a mistake in its statistics computes: another grouping or formula,
 * the rest as the layer does. The reference's mistake models and the rounding bounds of their
 * results are made from the same description.
 */
public record GroupNormModel(NormGrouping grouping, NormFormula formula) {

  /**
   * The model of {@code mistake} on x of shape {@code x} with {@code groups} groups, where the
   * mistake is one of the statistics and can change something in the case; empty otherwise.
   */
  public static Optional<GroupNormModel> of(GroupNormMistake mistake, Shape x, int groups) {
    NormGrouping right = NormGrouping.perGroup(x, groups);
    return Optional.ofNullable(
        switch (mistake) {
          case UNBIASED_VARIANCE ->
              right.groupSize() > 1 ? new GroupNormModel(right, new NormFormula(true, true)) : null;
          case EPS_OUTSIDE_SQRT -> new GroupNormModel(right, new NormFormula(false, false));
          case OVER_ALL_CHANNELS ->
              groups > 1
                  ? new GroupNormModel(NormGrouping.perSample(x), NormFormula.STANDARD)
                  : null;
          case PER_CHANNEL ->
              groups < x.dim(1)
                  ? new GroupNormModel(NormGrouping.perGroup(x, x.dim(1)), NormFormula.STANDARD)
                  : null;
          case PER_POSITION ->
              x.dim(2) * x.dim(3) > 1
                  ? new GroupNormModel(
                      NormGrouping.perGroupAndPosition(x, groups), NormFormula.STANDARD)
                  : null;
          case MEAN_BY_INTEGER_DIVISION -> new GroupNormModel(right, NormFormula.ZERO_MEAN);
          case LAST_SAMPLE_ONLY, DX_WITHOUT_STATISTICS -> null;
        });
  }
}
