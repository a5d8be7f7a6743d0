package org.cnngrader.layers.batchnorm;

import static org.assertj.core.api.Assertions.assertThat;

import org.cnngrader.TestRepository;
import org.cnngrader.bounds.LayerBounds;
import org.cnngrader.compare.ElementBounds;
import org.cnngrader.fixture.Fixture;
import org.cnngrader.layers.norm.NormFormula;
import org.junit.jupiter.api.Test;

class BatchNormMistakeBoundsTest {

  private static Fixture twoBatches() {
    return TestRepository.fixtures().fixtures().stream()
        .filter(f -> f.layer().equals(SpatialBatchNormLayer.LAYER))
        .filter(f -> f.name().equals("two-batches"))
        .findFirst()
        .orElseThrow();
  }

  private static BatchNormBounds history(Fixture f, NormFormula formula, double momentum) {
    return new BatchNormBounds(
        formula,
        f.input("x_train"),
        f.input("gamma"),
        f.input("beta"),
        f.input("dout"),
        f.input("x_test"),
        f.params().real("eps"),
        momentum);
  }

  private static void assertSameBounds(ElementBounds given, ElementBounds own, int size) {
    for (int i = 0; i < size; i++) {
      assertThat(given.at(i)).as("element %d", i).isEqualTo(own.at(i));
    }
  }

  @Test
  void aMistakeOfTheFormulaOrTheMomentumIsBoundedByItsOwnHistory() {
    Fixture f = twoBatches();
    LayerBounds bounds = f.layer().bounds(f.params(), f.inputs());
    int size = f.input("x_test").size();

    assertSameBounds(
        bounds.ofMistake(BatchNormMistake.EPS_OUTSIDE_SQRT.key(), "out_test"),
        history(f, new NormFormula(false, false), f.params().real("momentum")).of("out_test"),
        size);
    assertSameBounds(
        bounds.ofMistake(BatchNormMistake.MEAN_BY_INTEGER_DIVISION.key(), "out"),
        history(f, NormFormula.ZERO_MEAN, f.params().real("momentum")).of("out"),
        size);
    assertSameBounds(
        bounds.ofMistake(BatchNormMistake.MOMENTUM_REVERSED.key(), "out_test"),
        history(f, NormFormula.STANDARD, 1 - f.params().real("momentum")).of("out_test"),
        size);
    assertThat(bounds.ofMistake(BatchNormMistake.EPS_OUTSIDE_SQRT.key(), "out_test").at(0))
        .isNotEqualTo(bounds.of("out_test").at(0));
  }

  @Test
  void theOtherMistakesAreBoundedAsTheRightResult() {
    Fixture f = twoBatches();
    LayerBounds bounds = f.layer().bounds(f.params(), f.inputs());

    assertThat(bounds.ofMistake(BatchNormMistake.TEST_WITHOUT_GAMMA_BETA.key(), "out_test").at(0))
        .isEqualTo(bounds.of("out_test").at(0));
  }
}
