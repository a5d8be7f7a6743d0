package org.cnngrader.execution;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * Drains the children's stdout and stderr on daemon threads into sections (one per group of cases,
 * such as public and hidden), keeping the first {@code capBytes} of each section and counting the
 * rest, so that a flood of output can neither block a child nor fill the grader's memory.
 *
 * <p>One child may run the cases of several sections. Between two sections the runner writes a mark
 * of this collector's own to its stdout and stderr ({@link #mark}); a drain that reads the mark
 * moves on to the next section, and the mark itself is left out. Whatever the mark's fate, the
 * grader calls {@link #force} before it sends the next section's first input: from then on every
 * byte goes to that section. So output written after a section's inputs reached the child can never
 * land in an earlier section; at worst, a few bytes of an earlier section land in a later one.
 */
final class OutputCollector {

  static final int DEFAULT_CAP_BYTES = 64 * 1024;

  private static final String MARK_PREFIX = "\0cnn-grader-section-";

  private final int capBytes;
  private final List<Section> sections = new ArrayList<>();
  private final List<Drain> drains = new ArrayList<>();

  /** Random, so that nothing the student's code prints by chance reads as a mark. */
  private final String nonce;

  /** Every drain appends to this section or a later one. */
  private int forced;

  OutputCollector(int capBytes) {
    this.capBytes = capBytes;
    byte[] random = new byte[8];
    new SecureRandom().nextBytes(random);
    this.nonce = HexFormat.of().formatHex(random);
  }

  /** What the runner writes to start {@code section}; never ends in the middle of a character. */
  String mark(int section) {
    return MARK_PREFIX + section + "-" + nonce + "\0";
  }

  /** Starts a daemon thread that reads {@code stream} to its end, from the current section on. */
  synchronized Drain drain(InputStream stream, String name) {
    Drain drain = new Drain(stream, forced);
    Thread thread = new Thread(drain::copy, "child-" + name + "-drain");
    thread.setDaemon(true);
    drain.thread = thread;
    drains.add(drain);
    thread.start();
    return drain;
  }

  /** From now on, every drain appends to {@code section} or a later one. */
  synchronized void force(int section) {
    forced = Math.max(forced, section);
    notifyAll();
  }

  /** Waits until the children's streams are read to their end, so that no late output is lost. */
  void awaitDrained(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    List<Drain> all;
    synchronized (this) {
      all = List.copyOf(drains);
    }
    for (Drain drain : all) {
      long left = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
      try {
        drain.thread.join(left);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /**
   * Whether the last bytes any drain read (its last 4 KiB, whatever the cap kept) contain {@code
   * text}: the JVM's own last words, e.g. when it could not get memory.
   */
  synchronized boolean endsWith(String text) {
    byte[] wanted = text.getBytes(StandardCharsets.UTF_8);
    return drains.stream().anyMatch(d -> indexOf(d.tail, 0, d.tail.length, wanted) >= 0);
  }

  private static final int TAIL_BYTES = 4096;

  private synchronized void keepTail(Drain drain, byte[] bytes, int length) {
    byte[] joined = concat(drain.tail, bytes, length);
    drain.tail = Arrays.copyOfRange(joined, Math.max(0, joined.length - TAIL_BYTES), joined.length);
  }

  /** What the student's code printed in {@code section}. */
  synchronized CapturedOutput snapshot(int section) {
    return section < sections.size() ? sections.get(section).snapshot() : CapturedOutput.NONE;
  }

  private synchronized void append(Drain drain, byte[] bytes, int from, int to) {
    drain.section = Math.max(drain.section, forced);
    while (sections.size() <= drain.section) {
      sections.add(new Section(capBytes));
    }
    sections.get(drain.section).append(bytes, from, to - from);
  }

  /** The mark that would move {@code drain} on from the section it appends to now. */
  private synchronized byte[] nextMark(Drain drain) {
    return mark(Math.max(drain.section, forced) + 1).getBytes(StandardCharsets.UTF_8);
  }

  /** {@code drain} read the mark of the section after its current one. */
  private synchronized void reached(Drain drain) {
    drain.section = Math.max(drain.section, forced) + 1;
    notifyAll();
  }

  private synchronized void ended(Drain drain) {
    drain.ended = true;
    notifyAll();
  }

  /**
   * Waits until {@code drain} has read the mark of {@code section}, or its stream ended, or the
   * time is up; true unless the time ran out.
   */
  synchronized boolean awaitSection(Drain drain, int section, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (Math.max(drain.section, forced) < section && !drain.ended) {
      long left = (deadline - System.nanoTime()) / 1_000_000;
      if (left <= 0) {
        return false;
      }
      try {
        wait(left);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return true;
  }

  /** One child stream and the section it appends to. */
  final class Drain {
    private final InputStream stream;
    private Thread thread;

    /** Guarded by the collector. */
    private int section;

    /** Guarded by the collector. */
    private boolean ended;

    /** The last bytes read. Guarded by the collector. */
    private byte[] tail = new byte[0];

    /**
     * Bytes held back because they could be the start of a mark that the next read completes.
     * Touched by the drain's thread only.
     */
    private byte[] carry = new byte[0];

    private Drain(InputStream stream, int section) {
      this.stream = stream;
      this.section = section;
    }

    private void copy() {
      byte[] buffer = new byte[8192];
      try (stream) {
        int read;
        while ((read = stream.read(buffer)) != -1) {
          keepTail(this, buffer, read);
          take(buffer, read);
        }
      } catch (IOException e) {
        // The child is gone; what it printed so far is kept.
      } finally {
        append(this, carry, 0, carry.length);
        ended(this);
      }
    }

    /** Appends what was read, leaving out the next section's mark and moving on where it is. */
    private void take(byte[] buffer, int length) {
      byte[] data = carry.length == 0 ? buffer : concat(carry, buffer, length);
      int end = carry.length == 0 ? length : carry.length + length;
      int from = 0;
      while (true) {
        byte[] mark = nextMark(this);
        int at = indexOf(data, from, end, mark);
        if (at < 0) {
          int kept = possibleMarkStart(data, from, end, mark.length);
          append(this, data, from, kept);
          carry = Arrays.copyOfRange(data, kept, end);
          return;
        }
        append(this, data, from, at);
        reached(this);
        from = at + mark.length;
      }
    }
  }

  private static byte[] concat(byte[] head, byte[] tail, int tailLength) {
    byte[] all = Arrays.copyOf(head, head.length + tailLength);
    System.arraycopy(tail, 0, all, head.length, tailLength);
    return all;
  }

  private static int indexOf(byte[] data, int from, int end, byte[] mark) {
    outer:
    for (int i = from; i <= end - mark.length; i++) {
      for (int j = 0; j < mark.length; j++) {
        if (data[i + j] != mark[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  /**
   * Where a mark could start that the data cut short: at the last NUL byte among the final {@code
   * markLength - 1} bytes (every mark starts with one), else the end. Ordinary text has none, so it
   * is never held back.
   */
  private static int possibleMarkStart(byte[] data, int from, int end, int markLength) {
    for (int i = end - 1; i >= Math.max(from, end - markLength + 1); i--) {
      if (data[i] == 0) {
        return i;
      }
    }
    return end;
  }

  /** What one section kept, and how much it left out. */
  private static final class Section {
    private final byte[] kept;
    private int keptLength;
    private long discarded;

    Section(int capBytes) {
      this.kept = new byte[capBytes];
    }

    void append(byte[] buffer, int offset, int length) {
      int room = kept.length - keptLength;
      int take = Math.min(room, length);
      System.arraycopy(buffer, offset, kept, keptLength, take);
      keptLength += take;
      discarded += length - take;
    }

    CapturedOutput snapshot() {
      int end = discarded > 0 ? wholeCharacters(kept, keptLength) : keptLength;
      return new CapturedOutput(
          new String(Arrays.copyOf(kept, end), StandardCharsets.UTF_8),
          discarded + keptLength - end);
    }
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
