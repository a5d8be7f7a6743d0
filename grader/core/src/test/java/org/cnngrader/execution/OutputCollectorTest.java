package org.cnngrader.execution;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class OutputCollectorTest {

  private static CapturedOutput collect(byte[] bytes, int cap) {
    OutputCollector collector = new OutputCollector(cap);
    collector.drain(new ByteArrayInputStream(bytes), "stdout");
    collector.awaitDrained(Duration.ofSeconds(5));
    return collector.snapshot(0);
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** A stream that hands out one byte per read, as a pipe may when the writer is slow. */
  private static InputStream byteByByte(byte[] bytes) {
    return new ByteArrayInputStream(bytes) {
      @Override
      public synchronized int read(byte[] buffer, int offset, int length) {
        return super.read(buffer, offset, Math.min(1, length));
      }
    };
  }

  @Test
  void keepsTheStartAndCountsTheRest() {
    CapturedOutput output = collect(utf8("abcdefghij"), 4);

    assertThat(output).isEqualTo(new CapturedOutput("abcd", 6));
  }

  @Test
  void neverEndsInsideACharacter() {
    // "aé€": 1 + 2 + 3 bytes; a cap of 5 would cut the euro sign after two of its three bytes.
    CapturedOutput output = collect(utf8("aé€"), 5);

    assertThat(output).isEqualTo(new CapturedOutput("aé", 3));
  }

  @Test
  void keepsEverythingUnderTheCap() {
    assertThat(collect(utf8("aé€"), 64)).isEqualTo(new CapturedOutput("aé€", 0));
  }

  @Test
  void aMarkStartsTheNextSectionAndIsLeftOut() {
    OutputCollector collector = new OutputCollector(64);
    String printed = "public line\n" + collector.mark(1) + "hidden line\n";

    collector.drain(new ByteArrayInputStream(utf8(printed)), "stdout");
    collector.awaitDrained(Duration.ofSeconds(5));

    assertThat(collector.snapshot(0)).isEqualTo(new CapturedOutput("public line\n", 0));
    assertThat(collector.snapshot(1)).isEqualTo(new CapturedOutput("hidden line\n", 0));
  }

  @Test
  void aMarkCutAcrossReadsIsStillFound() {
    OutputCollector collector = new OutputCollector(64);
    String printed = "before\0" + collector.mark(1) + "after";

    collector.drain(byteByByte(utf8(printed)), "stdout");
    collector.awaitDrained(Duration.ofSeconds(5));

    assertThat(collector.snapshot(0)).isEqualTo(new CapturedOutput("before\0", 0));
    assertThat(collector.snapshot(1)).isEqualTo(new CapturedOutput("after", 0));
  }

  @Test
  void aMarkOfAnotherCollectorOrSectionIsOrdinaryOutput() {
    OutputCollector collector = new OutputCollector(256);
    String foreign = new OutputCollector(64).mark(1) + collector.mark(2);

    collector.drain(new ByteArrayInputStream(utf8(foreign)), "stdout");
    collector.awaitDrained(Duration.ofSeconds(5));

    assertThat(collector.snapshot(0)).isEqualTo(new CapturedOutput(foreign, 0));
    assertThat(collector.snapshot(1)).isEqualTo(CapturedOutput.NONE);
  }

  @Test
  void afterForceEverythingReadGoesToTheLaterSectionMarkOrNot() throws Exception {
    OutputCollector collector = new OutputCollector(64);
    PipedOutputStream child = new PipedOutputStream();
    OutputCollector.Drain drain = collector.drain(new PipedInputStream(child), "stdout");
    child.write(utf8("public\n"));
    child.flush();
    awaitKept(collector, 0, "public\n");

    // No mark comes (say, the student's code closed its stdout): the grader forces the section.
    assertThat(collector.awaitSection(drain, 1, Duration.ofMillis(50))).isFalse();
    collector.force(1);
    child.write(utf8("hidden\n"));
    child.close();
    collector.awaitDrained(Duration.ofSeconds(5));

    assertThat(collector.snapshot(0)).isEqualTo(new CapturedOutput("public\n", 0));
    assertThat(collector.snapshot(1)).isEqualTo(new CapturedOutput("hidden\n", 0));
  }

  @Test
  void eachSectionHasACapOfItsOwn() {
    OutputCollector collector = new OutputCollector(4);
    String printed = "abcdef" + collector.mark(1) + "ghijkl";

    collector.drain(new ByteArrayInputStream(utf8(printed)), "stdout");
    collector.awaitDrained(Duration.ofSeconds(5));

    assertThat(collector.snapshot(0)).isEqualTo(new CapturedOutput("abcd", 2));
    assertThat(collector.snapshot(1)).isEqualTo(new CapturedOutput("ghij", 2));
  }

  @Test
  void ordinaryTextIsNeverHeldBackAwaitingAMark() throws Exception {
    OutputCollector collector = new OutputCollector(64);
    PipedOutputStream child = new PipedOutputStream();
    collector.drain(new PipedInputStream(child), "stdout");

    child.write(utf8("no mark here"));
    child.flush();

    awaitKept(collector, 0, "no mark here");
    child.close();
  }

  private static void awaitKept(OutputCollector collector, int section, String expected)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (!collector.snapshot(section).text().equals(expected) && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertThat(collector.snapshot(section).text()).isEqualTo(expected);
  }
}
