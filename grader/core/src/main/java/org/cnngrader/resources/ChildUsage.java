package org.cnngrader.resources;

import java.time.Duration;
import java.util.OptionalLong;

/**
 * What one child JVM used, for the provenance: its CPU time over every process it started, and the
 * most memory it held at once where that could be measured.
 */
public record ChildUsage(Duration cpuTime, OptionalLong peakBytes) {

  public static final ChildUsage UNKNOWN = new ChildUsage(Duration.ZERO, OptionalLong.empty());

  public ChildUsage {
    if (cpuTime == null || cpuTime.isNegative()) {
      throw new IllegalArgumentException("CPU time must be zero or more, found " + cpuTime);
    }
  }
}
