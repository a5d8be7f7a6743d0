package org.cnngrader.feedback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** One line of feedback, cut where it is too long and saying so. */
class FirstLineTest {

  @Test
  void aShortLineIsKeptWhole() {
    assertThat(FirstLine.cut("out is wrong", 12)).isEqualTo("out is wrong");
  }

  @Test
  void aLongLineSaysHowMuchWasCut() {
    assertThat(FirstLine.cut("x".repeat(300_000), 10))
        .isEqualTo("xxxxxxxxxx\u2026 299,990 more characters not shown");
  }

  @Test
  void neverCutsACharacterInTwo() {
    String emoji = "\uD83D\uDE00";

    assertThat(FirstLine.cut("abc" + emoji + "def", 4))
        .isEqualTo("abc\u2026 5 more characters not shown");
  }

  @Test
  void refusesNoLength() {
    assertThatThrownBy(() -> FirstLine.cut("a", 0))
        .hasMessage("a line is cut to 1 character or more, not 0");
  }
}
