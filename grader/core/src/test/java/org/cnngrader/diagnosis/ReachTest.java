package org.cnngrader.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.cnngrader.feedback.FeedbackWriter;
import org.junit.jupiter.api.Test;

class ReachTest {

  @Test
  void aMistakeThatExplainsSomeFailingCasesSaysHowMany() {
    Reach reach = new Reach(2, 9);

    assertThat(reach.partial()).isTrue();
    assertThat(FeedbackWriter.reachWords(reach))
        .isEqualTo(" (explains 2 of the 9 failing cases: look further)");
  }

  @Test
  void aMistakeThatExplainsEveryFailingCaseSaysItIsTheWholeCause() {
    assertThat(new Reach(9, 9).partial()).isFalse();
    assertThat(FeedbackWriter.reachWords(new Reach(9, 9)))
        .isEqualTo(" (explains all 9 failing cases)");
    assertThat(FeedbackWriter.reachWords(new Reach(1, 1)))
        .isEqualTo(" (explains the one failing case)");
  }

  @Test
  void aMistakeWhoseReachIsNotKnownSaysNothingOfIt() {
    assertThat(FeedbackWriter.reachWords(null)).isEmpty();
  }

  @Test
  void aReachOutsideItsFailingCasesIsRefused() {
    assertThatThrownBy(() -> new Reach(0, 3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a mistake explains between 1 and the 3 failing cases, found 0");
    assertThatThrownBy(() -> new Reach(4, 3))
        .hasMessage("a mistake explains between 1 and the 3 failing cases, found 4");
  }
}
