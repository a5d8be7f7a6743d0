package org.cnngrader.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** One line of feedback, cut where it is too long and saying so. */
class FirstLineTest {

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
                "forward is not implemented yet (it threw UnsupportedOperationException: implement forward)",
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
    assertThat(FirstLine.gist("forward threw " + "E".repeat(500) + ": boom", 100))
        .isEqualTo("forward threw " + "E".repeat(33) + "\u2026 467 more characters not shown");
  }
}
