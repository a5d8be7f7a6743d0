package org.cnngrader.resources;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The CPUs this grader may use, handed to children one each, the least used first: where no control
 * group caps a child's share, pinning each child to a CPU of its own (while there are as many CPUs
 * as children) keeps a child with hundreds of busy threads off its neighbours' CPUs.
 */
final class CpuSlots {

  private final List<Integer> cpus;
  private final int[] children;

  CpuSlots(List<Integer> cpus) {
    if (cpus.isEmpty()) {
      throw new IllegalArgumentException("at least one CPU is needed");
    }
    this.cpus = List.copyOf(cpus);
    this.children = new int[cpus.size()];
  }

  /** The CPUs this process may run on, from /proc/self/status, or 0..n-1 where that is unknown. */
  static CpuSlots ofThisProcess() {
    try {
      for (String line :
          Files.readAllLines(Path.of("/proc/self/status"), StandardCharsets.ISO_8859_1)) {
        if (line.startsWith("Cpus_allowed_list:")) {
          return new CpuSlots(parseList(line.substring(line.indexOf(':') + 1).strip()));
        }
      }
    } catch (IOException | RuntimeException e) {
      // Not Linux, or unreadable: count the processors instead.
    }
    List<Integer> all = new ArrayList<>();
    for (int cpu = 0; cpu < Runtime.getRuntime().availableProcessors(); cpu++) {
      all.add(cpu);
    }
    return new CpuSlots(all);
  }

  /** Parses a CPU list such as {@code 0-3,8,10-11}. */
  static List<Integer> parseList(String list) {
    List<Integer> cpus = new ArrayList<>();
    for (String range : list.split(",", -1)) {
      String[] ends = range.strip().split("-", -1);
      int first = Integer.parseInt(ends[0]);
      int last = ends.length > 1 ? Integer.parseInt(ends[1]) : first;
      for (int cpu = first; cpu <= last; cpu++) {
        cpus.add(cpu);
      }
    }
    return cpus;
  }

  /** The CPU with the fewest children on it, now with one more. */
  synchronized int acquire() {
    int best = 0;
    for (int i = 1; i < children.length; i++) {
      if (children[i] < children[best]) {
        best = i;
      }
    }
    children[best]++;
    return cpus.get(best);
  }

  synchronized void release(int cpu) {
    int index = cpus.indexOf(cpu);
    if (index >= 0 && children[index] > 0) {
      children[index]--;
    }
  }

  int size() {
    return cpus.size();
  }
}
