package org.cnngrader.execution;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class OutputCollectorTest {

  private static CapturedOutput collect(byte[] bytes, int cap) {
    OutputCollector collector = new OutputCollector(cap);
    collector.drain(new ByteArrayInputStream(bytes), "stdout");
    collector.awaitDrained(Duration.ofSeconds(5));
    return collector.snapshot();
  }

  @Test
  void keepsTheStartAndCountsTheRest() {
    CapturedOutput output = collect("abcdefghij".getBytes(StandardCharsets.UTF_8), 4);

    assertThat(output).isEqualTo(new CapturedOutput("abcd", 6));
  }

  @Test
  void neverEndsInsideACharacter() {
    // "aé€": 1 + 2 + 3 bytes; a cap of 5 would cut the euro sign after two of its three bytes.
    CapturedOutput output = collect("aé€".getBytes(StandardCharsets.UTF_8), 5);

    assertThat(output).isEqualTo(new CapturedOutput("aé", 3));
  }

  @Test
  void keepsEverythingUnderTheCap() {
    assertThat(collect("aé€".getBytes(StandardCharsets.UTF_8), 64))
        .isEqualTo(new CapturedOutput("aé€", 0));
  }
}
