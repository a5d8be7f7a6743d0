package org.cnngrader.resources;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Control groups version 1: one hierarchy per controller (memory, pids, cpuacct, cpu; some share a
 * mount), each child a folder in each, under the grader's own group there.
 */
public final class CgroupV1 implements ControlGroups {

  private static final List<String> CONTROLLERS = List.of("memory", "pids", "cpuacct", "cpu");
  private static final long PERIOD_MICROS = 100_000;
  private static final AtomicLong NAMES = new AtomicLong();

  /** The grader's own group in each controller's hierarchy. */
  private final Map<String, Path> own;

  CgroupV1(Map<String, Path> own) {
    this.own = Map.copyOf(own);
  }

  /** The grader's own folder in each mounted v1 controller it needs. */
  static Map<String, Path> ownFolders(List<String[]> mounts, Map<String, String> membership) {
    Map<String, Path> folders = new LinkedHashMap<>();
    for (String[] mount : mounts) {
      if (!mount[2].equals("cgroup")) {
        continue;
      }
      List<String> options = List.of(mount[3].split(",", -1));
      for (String controller : CONTROLLERS) {
        if (!options.contains(controller)) {
          continue;
        }
        for (Map.Entry<String, String> member : membership.entrySet()) {
          if (List.of(member.getKey().split(",", -1)).contains(controller)) {
            folders.put(controller, Path.of(mount[1] + member.getValue()).normalize());
          }
        }
      }
    }
    return folders;
  }

  static ControlGroups.Probed open(Map<String, Path> own) {
    for (String needed : List.of("memory", "pids", "cpuacct")) {
      if (!own.containsKey(needed)) {
        return new Probed(
            Optional.empty(), "cgroup v1 without the " + needed + " controller mounted");
      }
    }
    CgroupV1 groups = new CgroupV1(own);
    groups.folders().forEach(folder -> CgroupFiles.removeAbandoned(folder, PREFIX));
    try {
      ChildGroup trial =
          groups.create(new ChildBudget(256 * ChildBudget.MIB, ChildBudget.MIB, 16, 32, 1));
      trial.remove();
    } catch (java.nio.file.AccessDeniedException e) {
      return new Probed(
          Optional.empty(),
          "cgroup v1 is mounted but only root may make groups in " + own.get("memory"));
    } catch (IOException | RuntimeException e) {
      return new Probed(
          Optional.empty(),
          "cgroup v1 is mounted but this user cannot make groups in "
              + own.get("memory")
              + " ("
              + e
              + ")");
    }
    return new Probed(Optional.of(groups), "");
  }

  @Override
  public String version() {
    return "cgroup v1";
  }

  @Override
  public boolean capsCpu() {
    return own.containsKey("cpu");
  }

  private Set<Path> folders() {
    return new LinkedHashSet<>(own.values());
  }

  @Override
  public ChildGroup create(ChildBudget budget) throws IOException {
    String name = ControlGroups.freshName(NAMES);
    Map<String, Path> made = new LinkedHashMap<>();
    Group group = new Group(made);
    try {
      for (Map.Entry<String, Path> controller : own.entrySet()) {
        Path folder = controller.getValue().resolve(name);
        if (!made.containsValue(folder)) {
          Files.createDirectory(folder);
        }
        made.put(controller.getKey(), folder);
      }
      Path memory = made.get("memory");
      String bytes = Long.toString(budget.memoryBytes());
      CgroupFiles.write(memory.resolve("memory.limit_in_bytes"), bytes);
      Path withSwap = memory.resolve("memory.memsw.limit_in_bytes");
      if (Files.exists(withSwap)) {
        // The same limit with swap counted: nothing of the child's is swapped out to exceed it.
        CgroupFiles.write(withSwap, bytes);
      }
      CgroupFiles.write(made.get("pids").resolve("pids.max"), Integer.toString(budget.processes()));
      Path cpu = made.get("cpu");
      if (cpu != null) {
        CgroupFiles.write(cpu.resolve("cpu.cfs_period_us"), Long.toString(PERIOD_MICROS));
        CgroupFiles.write(
            cpu.resolve("cpu.cfs_quota_us"), Long.toString(PERIOD_MICROS * budget.cpus()));
      }
      return group;
    } catch (IOException | RuntimeException e) {
      group.remove();
      throw e;
    }
  }

  /** A child's folder in each hierarchy. */
  public static final class Group implements ChildGroup {
    private final Map<String, Path> folders;

    Group(Map<String, Path> folders) {
      this.folders = folders;
    }

    @Override
    public List<Path> entryFiles() {
      List<Path> files = new ArrayList<>();
      new LinkedHashSet<>(folders.values()).forEach(f -> files.add(f.resolve("cgroup.procs")));
      return files;
    }

    @Override
    public Duration cpuTime() throws IOException {
      return Duration.ofNanos(
          CgroupFiles.readLong(folders.get("cpuacct").resolve("cpuacct.usage")));
    }

    @Override
    public OptionalLong peakBytes() throws IOException {
      return OptionalLong.of(
          CgroupFiles.readLong(folders.get("memory").resolve("memory.max_usage_in_bytes")));
    }

    @Override
    public boolean killedForMemory() throws IOException {
      // Kernels before 4.13 do not count OOM kills: a failed charge is the nearest sign there.
      Path memory = folders.get("memory");
      OptionalLong kills = CgroupFiles.keyed(memory.resolve("memory.oom_control"), "oom_kill");
      return kills.isPresent()
          ? kills.getAsLong() > 0
          : CgroupFiles.readLong(memory.resolve("memory.failcnt")) > 0;
    }

    @Override
    public boolean killAll() {
      // The pids group first: every process the child started is listed there.
      Path pids = folders.get("pids");
      boolean emptied = pids != null && CgroupFiles.killListed(pids);
      for (Path folder : new LinkedHashSet<>(folders.values())) {
        emptied |= CgroupFiles.killListed(folder);
      }
      return emptied;
    }

    @Override
    public void remove() {
      killAll();
      new LinkedHashSet<>(folders.values()).forEach(CgroupFiles::removeFolder);
    }
  }
}
