package org.cnngrader.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextBudgetTest {

  @Test
  void partsQuoteWholeTextsUntilTheSharedCharactersAreSpent() {
    TextBudget budget = new TextBudget();
    String long_ = "m".repeat(TextBudget.PER_PART + 40_000);

    assertThat(budget.take(long_)).isEqualTo(long_);
    assertThat(budget.take(long_)).isEqualTo(long_);
    String third = budget.take(long_);

    int left = TextBudget.SHARED - 2 * 40_000;
    assertThat(third)
        .hasSizeLessThanOrEqualTo(TextBudget.PER_PART + left)
        .startsWith("m".repeat(TextBudget.PER_PART + left - 53))
        .endsWith("… 20,053 more characters not shown");
  }

  @Test
  void onceTheSharedCharactersAreSpentEachPartKeepsItsOwn() {
    TextBudget budget = new TextBudget();
    budget.take("m".repeat(TextBudget.SHARED + TextBudget.PER_PART));

    assertThat(budget.take("dx matches the reference")).isEqualTo("dx matches the reference");
    assertThat(budget.take("x".repeat(5_000)))
        .isEqualTo("x".repeat(TextBudget.PER_PART - 53) + "… 4,753 more characters not shown");
  }

  @Test
  void aFilesPartsQuoteAtMostTheSharedCharactersAndTheirOwnWhateverTheyAre() {
    TextBudget budget = new TextBudget();
    int parts = 1_000;
    long quoted = 0;
    for (int i = 0; i < parts; i++) {
      quoted += budget.take("e".repeat(8_000)).length();
    }

    assertThat(quoted)
        .isGreaterThan(TextBudget.SHARED)
        .isLessThanOrEqualTo(TextBudget.SHARED + (long) parts * TextBudget.PER_PART);
  }
}
