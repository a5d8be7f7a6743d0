package org.cnngrader.execution;

import java.time.Duration;

/**
 * The bounds student code runs under. Defaults: 10 s per call, 120 s for all the calls of one
 * submission, 30 s for a child JVM to start, 512 MiB heap, 4 MiB thread stack.
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
