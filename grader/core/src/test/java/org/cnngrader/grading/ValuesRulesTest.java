package org.cnngrader.grading;

import static org.assertj.core.api.Assertions.assertThat;

import org.cnngrader.TestRepository;
import org.cnngrader.fixture.Fixture;
import org.cnngrader.fixture.FixtureSet;
import org.cnngrader.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** A case's rule, rounding bounds included, is made once for every submission of a batch. */
class ValuesRulesTest {

  @Test
  void givesEachCaseOfTheSetOneRuleForEverySubmission() {
    FixtureSet set = TestRepository.fixtures();
    ValuesRules rules = new ValuesRules(set);

    for (Fixture fixture : set.fixtures()) {
      assertThat(rules.of(fixture)).isSameAs(rules.of(fixture));
    }
  }

  @Test
  void decidesAsARuleMadeForTheCaseAlone() {
    Fixture fixture = TestRepository.fixtures().fixtures().get(0);
    ValuesRule shared = new ValuesRules(TestRepository.fixtures()).of(fixture);
    String tensor = fixture.expected().keySet().iterator().next();
    Tensor expected = fixture.expected(tensor);
    double[] nudged = expected.data();
    nudged[0] = nudged[0] * (1 + 1e-3) + 1e-3;
    Tensor actual = new Tensor(expected.shape(), nudged);

    assertThat(shared.compare(tensor, actual))
        .usingRecursiveComparison()
        .isEqualTo(new ValuesRule(fixture).compare(tensor, actual));
    assertThat(shared.compare(tensor, actual).passed()).isFalse();
    assertThat(shared.compare(tensor, expected).passed()).isTrue();
  }

  @Test
  void makesARuleAfreshForACaseOutsideTheSet() {
    FixtureSet set = TestRepository.fixtures();
    Fixture outsider = set.fixtures().get(0).withWeight(2);

    assertThat(new ValuesRules(set).of(outsider)).isNotNull();
  }
}
