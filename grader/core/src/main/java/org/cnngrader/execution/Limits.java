package org.cnngrader.execution;

import java.time.Duration;
import org.cnngrader.resources.ChildBudget;
import org.cnngrader.resources.ChildMemory;

/**
 * The bounds student code runs under. Defaults: 10 s of CPU time per call, 120 s for all the calls
 * of one submission, 30 s for a child JVM to start, 512 MiB heap and 576 MiB beside it (native
 * memory and temporary files; fewer where the machine has less, see {@code MemoryFit}), 4 MiB
 * thread stack. Call and submission limits count the child's CPU time, so that a busy machine does
 * not change a grade; a call may take {@link #WALL_FACTOR} times its limit in wall-clock time
 * before it is stopped anyway (it waits or sleeps).
 */
public record Limits(
    Duration callTimeout,
    Duration submissionTimeout,
    Duration startTimeout,
    int heapMegabytes,
    int nativeMegabytes,
    int stackKilobytes) {

  public static final Limits DEFAULT =
      new Limits(
          Duration.ofSeconds(10),
          Duration.ofSeconds(120),
          Duration.ofSeconds(30),
          512,
          ChildMemory.NATIVE_MEBIBYTES,
          4096);

  /** How many times its CPU limit a call may last by the wall clock. */
  public static final int WALL_FACTOR = 3;

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
    if (nativeMegabytes < ChildMemory.FLOOR.nativeMebibytes()) {
      throw new IllegalArgumentException(
          "nativeMegabytes must be at least "
              + ChildMemory.FLOOR.nativeMebibytes()
              + ", found "
              + nativeMegabytes);
    }
    if (stackKilobytes < 256) {
      throw new IllegalArgumentException(
          "stackKilobytes must be at least 256, found " + stackKilobytes);
    }
  }

  /**
   * What one child may take of the machine: its memory is its heap and what a JVM needs more,
   * temporary files included.
   */
  public ChildBudget budget() {
    return new ChildBudget(
        childMemory().totalMebibytes() * ChildBudget.MIB,
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

  /** The child's memory: its heap, and what it may take beside it. */
  public ChildMemory childMemory() {
    return new ChildMemory(heapMegabytes, nativeMegabytes);
  }

  public Limits withCallTimeout(Duration timeout) {
    return new Limits(
        timeout, submissionTimeout, startTimeout, heapMegabytes, nativeMegabytes, stackKilobytes);
  }

  public Limits withSubmissionTimeout(Duration timeout) {
    return new Limits(
        callTimeout, timeout, startTimeout, heapMegabytes, nativeMegabytes, stackKilobytes);
  }

  public Limits withHeapMegabytes(int megabytes) {
    return new Limits(
        callTimeout, submissionTimeout, startTimeout, megabytes, nativeMegabytes, stackKilobytes);
  }

  /** The same limits with the child's memory {@code memory}: heap and native part. */
  public Limits withChildMemory(ChildMemory memory) {
    return new Limits(
        callTimeout,
        submissionTimeout,
        startTimeout,
        Math.toIntExact(memory.heapMebibytes()),
        Math.toIntExact(memory.nativeMebibytes()),
        stackKilobytes);
  }

  private static void requirePositive(String name, Duration duration) {
    if (duration == null || duration.isZero() || duration.isNegative()) {
      throw new IllegalArgumentException(name + " must be positive, found " + duration);
    }
  }
}
