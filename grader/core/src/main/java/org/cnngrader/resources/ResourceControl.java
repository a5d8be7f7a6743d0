package org.cnngrader.resources;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.cnngrader.resources.ResourceBound.Resource;

/**
 * Bounds each child's memory, processes and CPU share, and counts its CPU time, with the strongest
 * means this machine offers, found by trying them once: a control group per child (v2 or v1), else
 * operating-system limits per process (prlimit's {@code RLIMIT_DATA}) and a CPU of its own per
 * child (taskset). One instance serves a grading run.
 */
public final class ResourceControl {

  /** No file a child writes may grow past this (a per-file bound; temporary space bounds all). */
  static final long FILE_BYTES = 64 * ChildBudget.MIB;

  /** Open files per process: far above what a JVM running a layer needs. */
  static final int OPEN_FILES = 256;

  private static volatile ResourceControl probed;

  private final Optional<ControlGroups> groups;
  private final String groupsProblem;
  private final Optional<Path> shell;
  private final Optional<Path> prlimit;
  private final Optional<Path> taskset;
  private final CpuSlots cpus;

  ResourceControl(
      Optional<ControlGroups> groups,
      String groupsProblem,
      Optional<Path> shell,
      Optional<Path> prlimit,
      Optional<Path> taskset,
      CpuSlots cpus) {
    this.groups = shell.isPresent() ? groups : Optional.empty();
    this.groupsProblem = shell.isPresent() ? groupsProblem : "no /bin/sh to enter a group with";
    this.shell = shell;
    this.prlimit = prlimit;
    this.taskset = taskset;
    this.cpus = cpus;
  }

  /** What this machine offers, found once per JVM. */
  public static ResourceControl ofThisMachine() {
    ResourceControl control = probed;
    if (control == null) {
      synchronized (ResourceControl.class) {
        control = probed;
        if (control == null) {
          ControlGroups.Probed found = ControlGroups.probe();
          control =
              new ResourceControl(
                  found.groups(),
                  found.problem(),
                  Programs.find("sh"),
                  Programs.find("prlimit"),
                  Programs.find("taskset"),
                  CpuSlots.ofThisProcess());
          probed = control;
        }
      }
    }
    return control;
  }

  /** Limits per process only, no control groups: what a machine without them gives. */
  public static ResourceControl withoutControlGroups(String why) {
    return new ResourceControl(
        Optional.empty(),
        why,
        Programs.find("sh"),
        Programs.find("prlimit"),
        Programs.find("taskset"),
        CpuSlots.ofThisProcess());
  }

  /** The control groups children get, if any. */
  public Optional<ControlGroups> groups() {
    return groups;
  }

  /**
   * Bounds for one child: a fresh control group where there are groups, else a CPU of its own;
   * {@code ownUser} says whether the child runs as a user of its own (then a limit on the user's
   * processes is one on the child's).
   */
  public ChildResources start(ChildBudget budget, boolean ownUser) throws IOException {
    Optional<ChildGroup> group =
        groups.isPresent() ? Optional.of(groups.get().create(budget)) : Optional.empty();
    int cpu = !capsCpu() && taskset.isPresent() && cpus.size() > 1 ? cpus.acquire() : -1;
    List<String> prefix = new ArrayList<>();
    group.ifPresent(g -> prefix.addAll(entry(g)));
    prlimit.ifPresent(p -> prefix.addAll(limits(p, budget, ownUser, group.isEmpty())));
    if (cpu >= 0) {
      prefix.addAll(List.of(taskset.orElseThrow().toString(), "--cpu-list", Integer.toString(cpu)));
    }
    return new ChildResources(prefix, group, cpu >= 0 ? cpus : null, cpu);
  }

  /**
   * The words that put the process that runs them into {@code group} and then run the rest of the
   * command: a child is in its group before any of its code runs, and everything it starts stays
   * there.
   */
  private List<String> entry(ChildGroup group) {
    List<String> words = new ArrayList<>();
    words.add(shell.orElseThrow().toString());
    words.add("-c");
    words.add(
        "while [ \"$1\" != -- ]; do echo $$ > \"$1\" || exit 125; shift; done; shift;"
            + " exec \"$@\"");
    words.add("enter-group");
    group.entryFiles().forEach(file -> words.add(file.toString()));
    words.add("--");
    return words;
  }

  private static List<String> limits(
      Path prlimit, ChildBudget budget, boolean ownUser, boolean boundData) {
    List<String> words = new ArrayList<>();
    words.add(prlimit.toString());
    words.add("--core=0");
    words.add("--fsize=" + FILE_BYTES);
    words.add("--nofile=" + OPEN_FILES);
    if (ownUser) {
      // Counts the user's threads; only a user of the child's own makes this a per-child limit.
      words.add("--nproc=" + budget.processes());
    }
    if (boundData) {
      // Without a control group, the JVM's private writable memory is bounded per process: heap,
      // malloc, direct buffers, Unsafe and thread stacks all count; reserved address space does
      // not.
      words.add("--data=" + budget.memoryBytes());
    }
    words.add("--");
    return words;
  }

  private boolean capsCpu() {
    return groups.isPresent() && groups.get().capsCpu();
  }

  /**
   * Which bounds hold for a child with {@code budget}; temporary space is the sandbox's to tell.
   */
  public List<ResourceBound> bounds(ChildBudget budget, boolean ownUser) {
    List<ResourceBound> bounds = new ArrayList<>();
    String mib = budget.memoryMebibytes() + " MiB";
    if (groups.isPresent()) {
      String version = groups.get().version();
      bounds.add(
          ResourceBound.held(
              Resource.MEMORY,
              version
                  + ": "
                  + mib
                  + " per child, heap, native memory and temporary files together"));
      bounds.add(
          ResourceBound.held(
              Resource.CPU_TIME, "counted by " + version + " over every process of the child"));
      bounds.add(
          capsCpu()
              ? ResourceBound.held(
                  Resource.CPU_SHARE, budget.cpus() + " CPU per child (" + version + " cpu quota)")
              : cpuShareWithoutGroups());
      bounds.add(
          ResourceBound.held(
              Resource.PROCESSES, budget.processes() + " per child (" + version + " pids)"));
      return bounds;
    }
    bounds.add(
        prlimit.isPresent()
            ? ResourceBound.held(
                Resource.MEMORY,
                "RLIMIT_DATA: "
                    + mib
                    + " per process of the child, heap and native memory (no control group: "
                    + groupsProblem
                    + ")")
            : ResourceBound.unbounded(
                Resource.MEMORY,
                "only the Java heap: no control group (" + groupsProblem + ") and no prlimit"));
    bounds.add(
        ResourceBound.held(
            Resource.CPU_TIME, "read from the operating system for the child's processes"));
    bounds.add(cpuShareWithoutGroups());
    bounds.add(
        ownUser && prlimit.isPresent()
            ? ResourceBound.held(
                Resource.PROCESSES,
                budget.processes() + " per child (RLIMIT_NPROC of the child's own user)")
            : ResourceBound.unbounded(
                Resource.PROCESSES, "no control group and no user of the child's own"));
    return bounds;
  }

  private ResourceBound cpuShareWithoutGroups() {
    if (taskset.isPresent() && cpus.size() > 1) {
      return ResourceBound.held(
          Resource.CPU_SHARE,
          "each child pinned to one of " + cpus.size() + " CPUs, the least used (taskset)");
    }
    return ResourceBound.unbounded(
        Resource.CPU_SHARE,
        cpus.size() > 1 ? "no control group and no taskset" : "one CPU, shared by every child");
  }
}
