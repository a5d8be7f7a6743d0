package org.cnngrader.execution;

import java.time.Duration;
import org.cnngrader.resources.ChildBudget;

/**
 * The bounds student code runs under. Defaults: 10 s of CPU time per call, 120 s for all the calls
 * of one submission, 30 s for a child JVM to start, 512 MiB heap, 4 MiB thread stack. Call and
 * submission limits count the child's CPU time, so that a busy machine does not change a grade; a
 * call may take {@link #WALL_FACTOR} times its limit in wall-clock time before it is stopped anyway
 * (it waits or sleeps).
 */
public record Limits(
    Duration callTimeout,
    Duration submissionTimeout,
    Duration startTimeout,
    int heapMegabytes,
    int stackKilobytes) {

  public static final Limits DEFAULT =
      new Limits(
          Duration.ofSeconds(10), Duration.ofSeconds(120), Duration.ofSeconds(30), 512, 4096);

  /** How many times its CPU limit a call may last by the wall clock. */
  public static final int WALL_FACTOR = 3;

  /**
   * What a child JVM needs beside its heap: metaspace (capped at 256 MiB), code cache (64 MiB),
   * direct buffers (64 MiB), thread stacks and the JVM's own structures, with a margin.
   */
  static final int NON_HEAP_MEGABYTES = 512;

  /** The child's writable temporary space, which its memory bound counts too. */
  static final int TEMPORARY_MEGABYTES = 64;

  /** Files and folders the temporary space may hold. */
  static final int TEMPORARY_FILES = 16_384;

  /** Threads and processes of one child: a JVM running a layer uses about 20. */
  static final int PROCESSES = 256;

  public Limits {
    requirePositive("callTimeout", callTimeout);
    requirePositive("submissionTimeout", submissionTimeout);
    requirePositive("startTimeout", startTimeout);
    if (heapMegabytes < 16) {
      throw new IllegalArgumentException(
          "heapMegabytes must be at least 16, found " + heapMegabytes);
    }
    if (stackKilobytes < 256) {
      throw new IllegalArgumentException(
          "stackKilobytes must be at least 256, found " + stackKilobytes);
    }
  }

  /** What one child may take of the machine: its memory is its heap and what a JVM needs more. */
  public ChildBudget budget() {
    return new ChildBudget(
        (heapMegabytes + NON_HEAP_MEGABYTES + TEMPORARY_MEGABYTES) * ChildBudget.MIB,
        TEMPORARY_MEGABYTES * ChildBudget.MIB,
        TEMPORARY_FILES,
        PROCESSES,
        1);
  }

  /** How long a call with CPU limit {@code limit} may last by the wall clock. */
  public static Duration wallBackstop(Duration limit) {
    // In nanoseconds when they fit: Duration.multipliedBy goes through BigDecimal, and every call
    // of a case asks this.
    try {
      return Duration.ofNanos(Math.multiplyExact(limit.toNanos(), (long) WALL_FACTOR));
    } catch (ArithmeticException e) {
      return limit.multipliedBy(WALL_FACTOR);
    }
  }

  public Limits withCallTimeout(Duration timeout) {
    return new Limits(timeout, submissionTimeout, startTimeout, heapMegabytes, stackKilobytes);
  }

  public Limits withSubmissionTimeout(Duration timeout) {
    return new Limits(callTimeout, timeout, startTimeout, heapMegabytes, stackKilobytes);
  }

  public Limits withHeapMegabytes(int megabytes) {
    return new Limits(callTimeout, submissionTimeout, startTimeout, megabytes, stackKilobytes);
  }

  private static void requirePositive(String name, Duration duration) {
    if (duration == null || duration.isZero() || duration.isNegative()) {
      throw new IllegalArgumentException(name + " must be positive, found " + duration);
    }
  }
}
