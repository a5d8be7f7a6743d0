package org.cnngrader.execution;

import java.time.Duration;

/**
 * The bounds a child JVM runs under. Defaults: 10 s per call, 30 s for the child to start, 512 MiB
 * heap, 4 MiB thread stack.
 */
public record Limits(
    Duration callTimeout, Duration startTimeout, int heapMegabytes, int stackKilobytes) {

  public static final Limits DEFAULT =
      new Limits(Duration.ofSeconds(10), Duration.ofSeconds(30), 512, 4096);

  public Limits {
    requirePositive("callTimeout", callTimeout);
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
    return new Limits(timeout, startTimeout, heapMegabytes, stackKilobytes);
  }

  public Limits withHeapMegabytes(int megabytes) {
    return new Limits(callTimeout, startTimeout, megabytes, stackKilobytes);
  }

  private static void requirePositive(String name, Duration duration) {
    if (duration == null || duration.isZero() || duration.isNegative()) {
      throw new IllegalArgumentException(name + " must be positive, found " + duration);
    }
  }
}
