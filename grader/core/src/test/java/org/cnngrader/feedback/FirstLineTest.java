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

  @Test
  void theGistIsWhatIsWrongWithoutItsDetails() {
    assertThat(
            FirstLine.gist(
                "out is wrong: 25 of 25 elements differ from the reference by more than the"
                    + " tolerance 1e-7.",
                100))
        .isEqualTo("out is wrong");
    assertThat(
            FirstLine.gist(
                "forward is not implemented yet (it threw UnsupportedOperationException: TODO)",
                100))
        .isEqualTo("forward is not implemented yet");
    assertThat(
            FirstLine.gist(
                "forward threw java.lang.IllegalStateException: " + "x".repeat(1_000_000), 100))
        .isEqualTo("forward threw java.lang.IllegalStateException");
    assertThat(
            FirstLine.gist(
                "out should have shape [N, F, H', W'] = [1, 1, 3, 3], but was [1, 1, 5, 5]:", 100))
        .isEqualTo("out should have shape [N, F, H', W'] = [1, 1, 3, 3], but was [1, 1, 5, 5]");
    assertThat(FirstLine.gist("forward threw " + "E".repeat(500) + ": boom", 20))
        .isEqualTo("forward threw EEEEEE\u2026 494 more characters not shown");
  }
}
