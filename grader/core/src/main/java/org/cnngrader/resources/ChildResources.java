package org.cnngrader.resources;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * The bounds of one child JVM: the command words that apply them before the JVM starts, its CPU
 * clock, what it used, and their release. With a control group, every count covers every process
 * the child started; without one, they cover the child's process tree as it stands.
 */
public final class ChildResources implements AutoCloseable {

  private final List<String> prefix;
  private final Optional<ChildGroup> group;
  private final CpuSlots slots;
  private final int cpu;
  private boolean closed;

  ChildResources(List<String> prefix, Optional<ChildGroup> group, CpuSlots slots, int cpu) {
    this.prefix = List.copyOf(prefix);
    this.group = group;
    this.slots = slots;
    this.cpu = cpu;
  }

  /** No bounds at all: for a JVM started where nothing can be applied. */
  public static ChildResources none() {
    return new ChildResources(List.of(), Optional.empty(), null, -1);
  }

  /** The words that go first in the child's command. */
  public List<String> prefix() {
    return prefix;
  }

  /** CPU time used so far by the child whose first process is {@code root}. */
  public Duration cpuTime(ProcessHandle root) {
    if (group.isPresent()) {
      try {
        return group.get().cpuTime();
      } catch (IOException | RuntimeException e) {
        // The group's count is unreadable: the process tree's is the next best.
      }
    }
    return tree(root)
        .map(p -> p.info().totalCpuDuration().orElse(Duration.ZERO))
        .reduce(Duration.ZERO, Duration::plus);
  }

  /** What the child used; called before it is reaped, while its processes can still be read. */
  public ChildUsage usage(ProcessHandle root) {
    Duration cpuTime = cpuTime(root);
    OptionalLong peak = OptionalLong.empty();
    if (group.isPresent()) {
      try {
        peak = group.get().peakBytes();
      } catch (IOException | RuntimeException e) {
        // Left unknown.
      }
    } else {
      long sum = tree(root).mapToLong(ChildResources::peakResident).sum();
      peak = sum > 0 ? OptionalLong.of(sum) : OptionalLong.empty();
    }
    return new ChildUsage(cpuTime, peak);
  }

  /** Whether the kernel killed the child for reaching its memory bound. */
  public boolean killedForMemory() {
    try {
      return group.isPresent() && group.get().killedForMemory();
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  /**
   * Kills every process the child started, where a control group knows them all; true when the
   * group was then seen empty, so that no process of the child is left anywhere (none can leave its
   * group), false without a group or when it could not be read.
   */
  public boolean killAll() {
    return group.isPresent() && group.get().killAll();
  }

  /** Ends the child's processes in its group, removes the group and frees its CPU. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    group.ifPresent(ChildGroup::remove);
    if (slots != null) {
      slots.release(cpu);
    }
  }

  private static Stream<ProcessHandle> tree(ProcessHandle root) {
    return ProcessTree.of(root);
  }

  /** The process's peak resident memory (VmHWM), or 0 where it cannot be read. */
  private static long peakResident(ProcessHandle process) {
    try {
      for (String line :
          Files.readAllLines(
              Path.of("/proc", Long.toString(process.pid()), "status"),
              StandardCharsets.ISO_8859_1)) {
        if (line.startsWith("VmHWM:")) {
          String kilobytes = line.substring(6).strip();
          int end = kilobytes.indexOf(' ');
          return Long.parseLong(end < 0 ? kilobytes : kilobytes.substring(0, end)) * 1024;
        }
      }
    } catch (IOException | RuntimeException e) {
      // Gone, or not Linux.
    }
    return 0;
  }
}
