package org.cnngrader.resources;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Control groups version 2: one hierarchy; each child a group under the grader's own. A group with
 * processes cannot hand controllers to groups below it, so where the grader's group holds processes
 * they are first moved into a leaf of their own, {@code grader}.
 */
public final class CgroupV2 implements ControlGroups {

  private static final long PERIOD_MICROS = 100_000;
  private static final AtomicLong NAMES = new AtomicLong();
  static final String LEAF = "grader";

  private final Path own;
  private final boolean cpu;

  CgroupV2(Path own, boolean cpu) {
    this.own = own;
    this.cpu = cpu;
  }

  /** The grader's own group in the v2 hierarchy, where one is mounted. */
  static Optional<Path> ownFolder(List<String[]> mounts, Map<String, String> membership) {
    String path = membership.get("");
    if (path == null) {
      return Optional.empty();
    }
    return mounts.stream()
        .filter(mount -> mount[2].equals("cgroup2"))
        .map(mount -> Path.of(mount[1] + path).normalize())
        .filter(Files::isDirectory)
        .findFirst();
  }

  static ControlGroups.Probed open(Path own) {
    try {
      List<String> available =
          List.of(CgroupFiles.read(own.resolve("cgroup.controllers")).split(" ", -1));
      for (String needed : List.of("memory", "pids")) {
        if (!available.contains(needed)) {
          return new Probed(
              Optional.empty(), "cgroup v2 does not hand the " + needed + " controller to " + own);
        }
      }
      boolean cpu = available.contains("cpu");
      enableControllers(own, cpu);
      CgroupV2 groups = new CgroupV2(own, cpu);
      CgroupFiles.removeAbandoned(own, PREFIX);
      groups.create(new ChildBudget(256 * ChildBudget.MIB, ChildBudget.MIB, 16, 32, 1)).remove();
      return new Probed(Optional.of(groups), "");
    } catch (java.nio.file.AccessDeniedException e) {
      return new Probed(
          Optional.empty(),
          "cgroup v2 is mounted but this user may not make groups in "
              + own
              + " (root may, or a user the system delegated it to)");
    } catch (IOException | RuntimeException e) {
      return new Probed(
          Optional.empty(),
          "cgroup v2 is mounted but this user cannot make groups in " + own + " (" + e + ")");
    }
  }

  /**
   * Lets groups below {@code own} use the controllers; where {@code own} holds processes (the
   * grader among them), they move to a leaf first, as the kernel requires.
   */
  private static void enableControllers(Path own, boolean cpu) throws IOException {
    String wanted = cpu ? "+memory +pids +cpu" : "+memory +pids";
    Path control = own.resolve("cgroup.subtree_control");
    List<String> enabled = List.of(CgroupFiles.read(control).split(" ", -1));
    if (enabled.contains("memory")
        && enabled.contains("pids")
        && (!cpu || enabled.contains("cpu"))) {
      return;
    }
    try {
      CgroupFiles.write(control, wanted);
    } catch (IOException busy) {
      Path leaf = own.resolve(LEAF);
      if (!Files.isDirectory(leaf)) {
        Files.createDirectory(leaf);
      }
      for (long pid : CgroupFiles.processes(own)) {
        try {
          CgroupFiles.write(leaf.resolve("cgroup.procs"), Long.toString(pid));
        } catch (IOException gone) {
          // A process that ended meanwhile needs no moving.
        }
      }
      CgroupFiles.write(control, wanted);
    }
  }

  @Override
  public String version() {
    return "cgroup v2";
  }

  @Override
  public boolean capsCpu() {
    return cpu;
  }

  @Override
  public ChildGroup create(ChildBudget budget) throws IOException {
    Group group = new Group(own.resolve(ControlGroups.freshName(NAMES)));
    Files.createDirectory(group.folder);
    try {
      CgroupFiles.write(group.file("memory.max"), Long.toString(budget.memoryBytes()));
      writeIfPresent(group.file("memory.swap.max"), "0");
      // When the kernel kills for memory, it kills the whole child, not one thread's process.
      writeIfPresent(group.file("memory.oom.group"), "1");
      CgroupFiles.write(group.file("pids.max"), Integer.toString(budget.processes()));
      if (cpu) {
        CgroupFiles.write(
            group.file("cpu.max"), PERIOD_MICROS * budget.cpus() + " " + PERIOD_MICROS);
      }
      return group;
    } catch (IOException | RuntimeException e) {
      group.remove();
      throw e;
    }
  }

  private static void writeIfPresent(Path file, String value) throws IOException {
    if (Files.exists(file)) {
      CgroupFiles.write(file, value);
    }
  }

  /** A child's group. */
  public static final class Group implements ChildGroup {
    private final Path folder;

    Group(Path folder) {
      this.folder = folder;
    }

    private Path file(String name) {
      return folder.resolve(name);
    }

    @Override
    public List<Path> entryFiles() {
      return List.of(file("cgroup.procs"));
    }

    @Override
    public Duration cpuTime() throws IOException {
      return Duration.ofNanos(1000 * CgroupFiles.keyed(file("cpu.stat"), "usage_usec").orElse(0));
    }

    @Override
    public OptionalLong peakBytes() throws IOException {
      // memory.peak came with Linux 5.19.
      Path peak = file("memory.peak");
      return Files.exists(peak)
          ? OptionalLong.of(CgroupFiles.readLong(peak))
          : OptionalLong.empty();
    }

    @Override
    public boolean killedForMemory() throws IOException {
      return CgroupFiles.keyed(file("memory.events"), "oom_kill").orElse(0) > 0
          || CgroupFiles.keyed(file("memory.events"), "oom_group_kill").orElse(0) > 0;
    }

    @Override
    public boolean killAll() {
      Path kill = file("cgroup.kill");
      if (Files.exists(kill)) {
        try {
          // Linux 5.14+: one write kills every process, including those forking right now.
          CgroupFiles.write(kill, "1");
        } catch (IOException e) {
          // Fall back to killing them one by one.
        }
      }
      return CgroupFiles.killListed(folder);
    }

    @Override
    public void remove() {
      killAll();
      CgroupFiles.removeFolder(folder);
    }
  }
}
