package org.cnngrader.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.cnngrader.report.Highlight;
import org.junit.jupiter.api.Test;

class ConsoleColoursTest {

  @Test
  void scoresAreColouredByHowMuchTheyEarned() {
    Highlight colours = new ConsoleColours();

    assertThat(colours.full("208")).contains("208").startsWith("\u001b[").contains("32");
    assertThat(colours.partial("104")).contains("104").contains("33");
    assertThat(colours.none("0")).contains("0").contains("31");
  }

  @Test
  void withoutATerminalTheTableIsPlainText() {
    // The test JVM's stdout is not a terminal, as when the grader's output is piped.
    assertThat(ConsoleColours.detect()).isSameAs(Highlight.PLAIN);
  }
}
