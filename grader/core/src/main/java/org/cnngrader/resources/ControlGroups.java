package org.cnngrader.resources;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The machine's control groups, version 1 or 2, where this grader may make a group per child: a
 * bound on the child's memory (heap and native together, with the temporary files it writes), its
 * processes and its CPU share, and an exact count of its CPU time, over every process it starts.
 */
public sealed interface ControlGroups permits CgroupV1, CgroupV2 {

  /** {@code cgroup v1} or {@code cgroup v2}. */
  String version();

  /** Whether each child's CPU share can be capped (the cpu controller is there). */
  boolean capsCpu();

  /** A fresh group bounded by {@code budget}, still empty. */
  ChildGroup create(ChildBudget budget) throws IOException;

  /** The control groups found, or why none can be used. */
  record Probed(Optional<ControlGroups> groups, String problem) {}

  /** Names of groups this grader makes: the prefix, the grader's pid, a number. */
  String PREFIX = "cnn-grader-";

  /** Finds which control groups this process can make child groups in, by making one. */
  static Probed probe() {
    Path mounts = Path.of("/proc/self/mounts");
    Path membership = Path.of("/proc/self/cgroup");
    if (!Files.isReadable(mounts) || !Files.isReadable(membership)) {
      return new Probed(
          Optional.empty(), "this system has no control groups (no /proc/self/cgroup)");
    }
    try {
      List<String[]> mounted = mounted(mounts);
      Map<String, String> own = membership(membership);
      Map<String, Path> v1 = CgroupV1.ownFolders(mounted, own);
      if (v1.containsKey("memory")) {
        return CgroupV1.open(v1);
      }
      Optional<Path> v2 = CgroupV2.ownFolder(mounted, own);
      if (v2.isPresent()) {
        return CgroupV2.open(v2.get());
      }
      return new Probed(Optional.empty(), "no memory controller is mounted");
    } catch (IOException | RuntimeException e) {
      return new Probed(Optional.empty(), "control groups could not be read: " + e.getMessage());
    }
  }

  /** The control-group mounts of a mount table such as /proc/self/mounts, each line's fields. */
  static List<String[]> mounted(Path mounts) throws IOException {
    List<String[]> mounted = new ArrayList<>();
    for (String line : Files.readAllLines(mounts, StandardCharsets.UTF_8)) {
      String[] fields = line.split(" ", -1);
      if (fields.length >= 4 && (fields[2].equals("cgroup") || fields[2].equals("cgroup2"))) {
        mounted.add(fields);
      }
    }
    return mounted;
  }

  /**
   * A process's groups from a file such as /proc/self/cgroup: its path in each hierarchy, keyed by
   * the hierarchy's controllers ("" for version 2).
   */
  static Map<String, String> membership(Path membership) throws IOException {
    Map<String, String> own = new LinkedHashMap<>();
    for (String line : Files.readAllLines(membership, StandardCharsets.UTF_8)) {
      String[] fields = line.split(":", 3);
      if (fields.length == 3) {
        own.put(fields[1], fields[2]);
      }
    }
    return own;
  }

  /** A name no other group of this or another grader has: the prefix, this pid, a number. */
  static String freshName(AtomicLong counter) {
    return PREFIX + ProcessHandle.current().pid() + "-" + counter.incrementAndGet();
  }
}
