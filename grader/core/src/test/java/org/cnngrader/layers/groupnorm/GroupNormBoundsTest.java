package org.cnngrader.layers.groupnorm;

import static org.assertj.core.api.Assertions.assertThat;

import org.cnngrader.TestRepository;
import org.cnngrader.bounds.LayerBounds;
import org.cnngrader.compare.ElementBounds;
import org.cnngrader.fixture.Fixture;
import org.cnngrader.layers.norm.NormBounds;
import org.cnngrader.layers.norm.NormFormula;
import org.cnngrader.layers.norm.NormGrouping;
import org.cnngrader.layers.norm.NormStats;
import org.cnngrader.tensor.Tensor;
import org.junit.jupiter.api.Test;

class GroupNormBoundsTest {

  private static Fixture cs231nCheck() {
    return TestRepository.fixtures().fixtures().stream()
        .filter(f -> f.layer().equals(SpatialGroupNormLayer.LAYER))
        .filter(f -> f.name().equals("cs231n-check"))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void aMistakeOfTheStatisticsIsBoundedByItsOwnGroupingAndFormula() {
    Fixture f = cs231nCheck();
    Tensor x = f.input("x");
    LayerBounds bounds = f.layer().bounds(f.params(), f.inputs());
    NormGrouping perPosition =
        NormGrouping.perGroupAndPosition(x.shape(), f.params().integer("groups"));
    ElementBounds own =
        new NormBounds(
                NormStats.of(perPosition, NormFormula.STANDARD, x, f.params().real("eps")),
                x,
                f.input("gamma"),
                f.input("beta"),
                f.input("dout"))
            .of("out");

    ElementBounds given = bounds.ofMistake(GroupNormMistake.PER_POSITION.key(), "out");

    for (int i = 0; i < x.size(); i++) {
      assertThat(given.at(i)).as("out[%d]", i).isEqualTo(own.at(i));
    }
    assertThat(given.at(0)).isNotEqualTo(bounds.of("out").at(0));
  }

  @Test
  void aMistakeThatKeepsTheStatisticsIsBoundedAsTheRightResult() {
    Fixture f = cs231nCheck();
    LayerBounds bounds = f.layer().bounds(f.params(), f.inputs());

    assertThat(bounds.ofMistake(GroupNormMistake.LAST_SAMPLE_ONLY.key(), "dgamma").at(0))
        .isEqualTo(bounds.of("dgamma").at(0));
    assertThat(bounds.ofMistake("no-such-mistake", "dx").at(0)).isEqualTo(bounds.of("dx").at(0));
  }
}
