package org.cnngrader.execution;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Drains a child's stdout and stderr on daemon threads, keeping the first {@code capBytes} and
 * counting the rest, so that a flood of output can neither block the child nor fill the grader's
 * memory.
 */
final class OutputCollector {

  static final int DEFAULT_CAP_BYTES = 64 * 1024;

  private final List<Thread> drains = new ArrayList<>();
  private final byte[] kept;
  private int keptLength;
  private long discarded;

  OutputCollector(int capBytes) {
    this.kept = new byte[capBytes];
  }

  void drain(InputStream stream, String name) {
    Thread thread = new Thread(() -> copy(stream), "child-" + name + "-drain");
    thread.setDaemon(true);
    thread.start();
    drains.add(thread);
  }

  /** Waits until the children's streams are read to their end, so that no late output is lost. */
  void awaitDrained(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    for (Thread drain : drains) {
      long left = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
      try {
        drain.join(left);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private void copy(InputStream stream) {
    byte[] buffer = new byte[8192];
    try (stream) {
      int read;
      while ((read = stream.read(buffer)) != -1) {
        append(buffer, read);
      }
    } catch (IOException e) {
      // The child is gone; what it printed so far is kept.
    }
  }

  private synchronized void append(byte[] buffer, int length) {
    int room = kept.length - keptLength;
    int take = Math.min(room, length);
    System.arraycopy(buffer, 0, kept, keptLength, take);
    keptLength += take;
    discarded += length - take;
  }

  synchronized CapturedOutput snapshot() {
    int end = discarded > 0 ? wholeCharacters(kept, keptLength) : keptLength;
    return new CapturedOutput(
        new String(Arrays.copyOf(kept, end), StandardCharsets.UTF_8), discarded + keptLength - end);
  }

  /**
   * Where the cap cut a multi-byte UTF-8 character, ends before it rather than show a broken one.
   */
  static int wholeCharacters(byte[] bytes, int length) {
    int lead = length - 1;
    while (lead >= 0 && lead > length - 4 && (bytes[lead] & 0xC0) == 0x80) {
      lead--;
    }
    if (lead < 0) {
      return length;
    }
    int b = bytes[lead] & 0xFF;
    int size = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
    return lead + size <= length ? length : lead;
  }
}
