package org.cnngrader.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ImageBudgetTest {

  @Test
  void picturesFitUntilTheBudgetIsSpentAndALeftOutOneIsRemembered() {
    ImageBudget budget = new ImageBudget(1_000);

    assertThat(budget.take(600)).isTrue();
    assertThat(budget.leftOut()).isFalse();
    assertThat(budget.take(600)).isFalse();
    assertThat(budget.take(400)).isTrue();
    assertThat(budget.take(1)).isFalse();
    assertThat(budget.leftOut()).isTrue();
  }
}
