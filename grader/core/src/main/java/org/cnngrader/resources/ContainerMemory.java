package org.cnngrader.resources;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The memory this grader's machine or container offers, and where that was read: the least memory
 * limit of the grader's own control group and of the groups above it (v1 {@code
 * memory.limit_in_bytes}, v2 {@code memory.max}), else the machine's memory ({@code MemTotal} of
 * /proc/meminfo). A container's limit is what counts: the kernel kills a process of the container
 * once all of them together reach it. The machine's total, not what is free at the moment, so that
 * the same machine always gives a child the same bound, and so the same grade.
 *
 * @param bytes the memory offered
 * @param source where it was read, e.g. {@code cgroup v2 memory.max of /sys/fs/cgroup}
 */
public record ContainerMemory(long bytes, String source) {

  /** How the source of a control group's limit begins. */
  private static final String CGROUP = "cgroup v";

  public ContainerMemory {
    if (bytes < 0) {
      throw new IllegalArgumentException("memory must not be negative, found " + bytes);
    }
  }

  public long mebibytes() {
    return bytes / ChildBudget.MIB;
  }

  /**
   * Whether a control group's limit is what is offered (a container's), not the machine's memory.
   */
  public boolean ofControlGroup() {
    return source.startsWith(CGROUP);
  }

  /** What this process's machine or container offers. */
  public static ContainerMemory ofThisProcess() {
    return read(
        Path.of("/proc/self/mounts"), Path.of("/proc/self/cgroup"), Path.of("/proc/meminfo"));
  }

  /**
   * The memory offered, read from a mount table, a process's groups and a meminfo file (each as
   * /proc has them): the least limit of the control groups, where one is below the machine's
   * memory.
   */
  static ContainerMemory read(Path mounts, Path membership, Path meminfo) {
    ContainerMemory machine = machine(meminfo);
    for (ContainerMemory limit : groupLimits(mounts, membership)) {
      if (limit.bytes() < machine.bytes()) {
        machine = limit;
      }
    }
    return machine;
  }

  /** The machine's memory: MemTotal, or what the JVM is told where there is no /proc. */
  private static ContainerMemory machine(Path meminfo) {
    try {
      for (String line : Files.readAllLines(meminfo, StandardCharsets.US_ASCII)) {
        if (line.startsWith("MemTotal:")) {
          String[] words = line.substring("MemTotal:".length()).strip().split("\\s+", -1);
          return new ContainerMemory(Long.parseLong(words[0]) * 1024, meminfo + " MemTotal");
        }
      }
    } catch (IOException | RuntimeException e) {
      // Not Linux, or unreadable: ask the JVM.
    }
    try {
      long total =
          ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
              .getTotalMemorySize();
      return new ContainerMemory(total, "the operating system's total memory");
    } catch (LinkageError | RuntimeException e) {
      // Some images leave out the JDK's management library: then nothing bounds the children but
      // their own bound, as before the machine's memory was read.
      return new ContainerMemory(Long.MAX_VALUE, "no /proc/meminfo and no total from the JVM");
    }
  }

  /** The limit of each hierarchy that bounds memory: the least along the grader's own path. */
  private static List<ContainerMemory> groupLimits(Path mounts, Path membership) {
    List<ContainerMemory> limits = new ArrayList<>();
    List<String[]> mounted;
    Map<String, String> own;
    try {
      mounted = ControlGroups.mounted(mounts);
      own = ControlGroups.membership(membership);
    } catch (IOException | RuntimeException e) {
      return limits;
    }
    for (String[] mount : mounted) {
      boolean v2 = mount[2].equals("cgroup2");
      Optional<String> path = v2 ? Optional.ofNullable(own.get("")) : v1MemoryPath(mount, own);
      if (path.isEmpty()) {
        continue;
      }
      String file = v2 ? "memory.max" : "memory.limit_in_bytes";
      least(Path.of(mount[1]), path.get(), file)
          .ifPresent(
              found ->
                  limits.add(
                      new ContainerMemory(
                          found.bytes(),
                          CGROUP + (v2 ? "2 " : "1 ") + file + " of " + found.source())));
    }
    return limits;
  }

  /** The grader's path in a v1 hierarchy mounted with the memory controller. */
  private static Optional<String> v1MemoryPath(String[] mount, Map<String, String> own) {
    if (!List.of(mount[3].split(",", -1)).contains("memory")) {
      return Optional.empty();
    }
    return own.entrySet().stream()
        .filter(e -> List.of(e.getKey().split(",", -1)).contains("memory"))
        .map(Map.Entry::getValue)
        .findFirst();
  }

  /**
   * The least limit in {@code file} from the grader's group up to the mount's root, and the folder
   * it was read in. Inside a container the mount's root is often the container's own group, while
   * /proc names the group by its path on the host: then only the root is read.
   */
  private static Optional<ContainerMemory> least(Path root, String path, String file) {
    Path folder = Path.of(root + path).normalize();
    if (!folder.startsWith(root) || !Files.isDirectory(folder)) {
      folder = root;
    }
    Optional<ContainerMemory> least = Optional.empty();
    for (Path at = folder; at != null && at.startsWith(root); at = at.getParent()) {
      Optional<Long> limit = limit(at.resolve(file));
      if (limit.isPresent() && (least.isEmpty() || limit.get() < least.get().bytes())) {
        least = Optional.of(new ContainerMemory(limit.get(), at.toString()));
      }
    }
    return least;
  }

  /** A limit file's value; none for {@code max}, a missing file or one that cannot be read. */
  private static Optional<Long> limit(Path file) {
    try {
      String value = CgroupFiles.read(file);
      return value.equals("max") ? Optional.empty() : Optional.of(Long.parseLong(value));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }
}
