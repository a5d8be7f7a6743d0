package org.cnngrader.reference;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.cnngrader.fixture.Fixture;
import org.cnngrader.fixture.FixtureJson;
import org.cnngrader.fixture.Visibility;
import org.cnngrader.grading.RandomCases;
import org.cnngrader.layers.conv2d.Conv2dLayer;
import org.cnngrader.layers.conv2d.ConvGeometry;
import org.cnngrader.layers.conv2d.ConvParams;
import org.junit.jupiter.api.Test;

/** Random cases are valid per the output-size formula and reproducible from their seed. */
class RandomCaseDrawTest {

  private static List<String> written(RandomCases cases) {
    return RandomCaseDraw.fixtures(cases, List.of(Conv2dLayer.LAYER)).stream()
        .map(FixtureJson::write)
        .toList();
  }

  @Test
  void theSameSeedDrawsTheSameCasesBitForBitAndAnotherSeedOthers() {
    List<String> first = written(new RandomCases(4, 7));

    assertThat(written(new RandomCases(4, 7))).isEqualTo(first);
    assertThat(written(new RandomCases(4, 8))).doesNotContainAnyElementsOf(first);
    assertThat(written(new RandomCases(2, 7))).isEqualTo(first.subList(0, 2));
  }

  @Test
  void everyDrawnCaseFitsTheFormulaWithWholeNumbersAndIsHidden() {
    for (long seed = 0; seed < 40; seed++) {
      for (CaseSpec spec : RandomCaseDraw.specs(new RandomCases(10, seed), Conv2dLayer.LAYER)) {
        ConvGeometry g = Conv2dReference.geometry(spec);
        int s = g.stride();
        int p = g.pad();
        String where = "seed " + seed + ", " + spec.name() + ": " + g;
        assertThat((g.h() - g.hh() + 2 * p) % s).as(where).isZero();
        assertThat((g.w() - g.ww() + 2 * p) % s).as(where).isZero();
        assertThat(g.outHeight())
            .as(where)
            .isEqualTo((g.h() - g.hh() + 2 * p) / s + 1)
            .isPositive();
        assertThat(g.outWidth()).as(where).isEqualTo((g.w() - g.ww() + 2 * p) / s + 1).isPositive();
        assertThat(g.h()).as(where).isPositive();
        assertThat(spec.visibility()).isEqualTo(Visibility.HIDDEN);
        assertThat(spec.name()).startsWith(RandomCaseDraw.PREFIX);
      }
    }
  }

  @Test
  void theReferencesOfDrawnCasesAgreeWithPlainJava() {
    for (Fixture fixture :
        RandomCaseDraw.fixtures(new RandomCases(5, 11), List.of(Conv2dLayer.LAYER))) {
      assertThat(fixture.expected("out").data())
          .as(fixture.name())
          .containsExactly(
              PlainConv2d.forward(
                      fixture.input("x"),
                      fixture.input("w"),
                      fixture.input("b"),
                      ConvParams.of(fixture.params()))
                  .data(),
              org.assertj.core.data.Offset.offset(1e-9));
    }
  }
}
