package org.cnngrader.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SummaryTableTest {

  @Test
  void controlCharactersFromStudentTextNeverReachTheTerminal() {
    String hostile = "\u001b[1A\u001b[2K\u001b]0;pwned\u0007 all good\u009b2J";

    assertThat(SummaryTable.printable(hostile)).isEqualTo("?[1A?[2K?]0;pwned? all good?2J");
    assertThat(SummaryTable.printable("naïve ünïcode")).isEqualTo("naïve ünïcode");
  }
}
