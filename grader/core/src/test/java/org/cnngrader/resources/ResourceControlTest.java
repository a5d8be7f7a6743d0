package org.cnngrader.resources;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.cnngrader.resources.ResourceBound.Resource;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResourceControlTest {

  /** Set (to anything) where control groups must be found, as CI does. */
  static final String EXPECT_VARIABLE = "GRADER_EXPECT_CGROUPS";

  private static final ChildBudget BUDGET =
      new ChildBudget(1088 * ChildBudget.MIB, 64 * ChildBudget.MIB, 16_384, 256, 1);

  @TempDir Path temp;

  /** This machine's control groups; where none can be made and nothing demands them, skipped. */
  private static ControlGroups groupsOfThisMachine() {
    ControlGroups.Probed probed = ControlGroups.probe();
    if (System.getenv(EXPECT_VARIABLE) != null) {
      assertThat(probed.groups())
          .as("%s is set, but no control groups: %s", EXPECT_VARIABLE, probed.problem())
          .isPresent();
    }
    Assumptions.assumeTrue(
        probed.groups().isPresent(),
        () ->
            "no control groups here ("
                + probed.problem()
                + "); "
                + EXPECT_VARIABLE
                + " would make this a failure");
    return probed.groups().get();
  }

  /** Control by this machine's groups alone: no limits per process that could act first. */
  private static ResourceControl withGroupsOfThisMachine() {
    return new ResourceControl(
        Optional.of(groupsOfThisMachine()),
        "",
        Programs.find("sh"),
        Optional.empty(),
        Optional.empty(),
        new CpuSlots(List.of(0)));
  }

  @Test
  void aChildGroupOfThisMachineCountsTheCpuTimeOfWhatRunsInItAndIsRemovedAfter() throws Exception {
    ChildResources child = withGroupsOfThisMachine().start(BUDGET, false);
    List<String> command = new java.util.ArrayList<>(child.prefix());
    command.addAll(List.of("sh", "-c", "i=0; while [ $i -lt 200000 ]; do i=$((i+1)); done"));

    Process process = new ProcessBuilder(command).inheritIO().start();
    assertThat(process.waitFor()).isZero();
    ChildUsage usage = child.usage(process.toHandle());
    child.close();

    assertThat(usage.cpuTime()).isGreaterThan(Duration.ofMillis(20));
    assertThat(usage.peakBytes()).isPresent();
    assertThat(child.killedForMemory()).isFalse();
    for (Path entry : ((ChildGroup) groupOf(child)).entryFiles()) {
      assertThat(entry.getParent()).doesNotExist();
    }
  }

  @Test
  void aChildOverItsMemoryIsKilledAndTheKillIsSeen() throws Exception {
    ChildResources child =
        withGroupsOfThisMachine()
            .start(new ChildBudget(64 * ChildBudget.MIB, ChildBudget.MIB, 16, 32, 1), false);
    List<String> command = new java.util.ArrayList<>(child.prefix());
    // Holds 256 MiB of memory in one shell variable, four times the bound.
    command.addAll(
        List.of("sh", "-c", "x=$(head -c 268435456 /dev/zero | tr '\\0' a); echo ${#x}"));

    Process process = new ProcessBuilder(command).start();
    process.waitFor();
    boolean killed = child.killedForMemory();
    child.close();

    assertThat(process.exitValue()).isNotZero();
    assertThat(killed).isTrue();
  }

  @Test
  void withoutGroupsTheDataLimitAndACpuOfItsOwnBoundEachChild() throws Exception {
    Path prlimit = Files.createFile(temp.resolve("prlimit"));
    Path taskset = Files.createFile(temp.resolve("taskset"));
    ResourceControl control =
        new ResourceControl(
            Optional.empty(),
            "no groups in this test",
            Optional.of(Path.of("/bin/sh")),
            Optional.of(prlimit),
            Optional.of(taskset),
            new CpuSlots(List.of(0, 1)));

    ChildResources first = control.start(BUDGET, false);
    ChildResources second = control.start(BUDGET, true);

    assertThat(first.prefix())
        .containsExactly(
            prlimit.toString(),
            "--core=0",
            "--fsize=67108864",
            "--nofile=256",
            "--data=1140850688",
            "--",
            taskset.toString(),
            "--cpu-list",
            "0");
    assertThat(second.prefix()).contains("--nproc=256").endsWith("--cpu-list", "1");
    first.close();
    assertThat(control.start(BUDGET, false).prefix()).endsWith("--cpu-list", "0");
    assertThat(control.bounds(BUDGET, false))
        .extracting(ResourceBound::resource, ResourceBound::held)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(Resource.MEMORY, true),
            org.assertj.core.groups.Tuple.tuple(Resource.CPU_TIME, true),
            org.assertj.core.groups.Tuple.tuple(Resource.CPU_SHARE, true),
            org.assertj.core.groups.Tuple.tuple(Resource.PROCESSES, false));
    assertThat(control.bounds(BUDGET, false).get(0).how())
        .isEqualTo(
            "RLIMIT_DATA: 1088 MiB per process of the child, heap and native memory (no control"
                + " group: no groups in this test)");
  }

  @Test
  void withoutPrlimitMemoryIsUnboundedAndSaysWhy() {
    ResourceControl control =
        new ResourceControl(
            Optional.empty(),
            "not Linux",
            Optional.of(Path.of("/bin/sh")),
            Optional.empty(),
            Optional.empty(),
            new CpuSlots(List.of(0)));

    assertThat(control.bounds(BUDGET, false))
        .filteredOn(b -> !b.held())
        .extracting(ResourceBound::resource)
        .containsExactly(Resource.MEMORY, Resource.CPU_SHARE, Resource.PROCESSES);
    assertThat(control.bounds(BUDGET, false).get(0).how())
        .isEqualTo("only the Java heap: no control group (not Linux) and no prlimit");
  }

  @Test
  void aVersionTwoGroupIsWrittenAsTheKernelExpectsAndItsCountsRead() throws Exception {
    Path own = Files.createDirectories(temp.resolve("cgroup/grading"));
    CgroupV2 groups = new CgroupV2(own, true);

    ChildGroup group = groups.create(BUDGET);
    Path folder = group.entryFiles().get(0).getParent();
    Files.writeString(folder.resolve("cpu.stat"), "usage_usec 1500000\nuser_usec 1000000\n");
    Files.writeString(folder.resolve("memory.peak"), "734003200\n");
    Files.writeString(folder.resolve("memory.events"), "low 0\nhigh 0\nmax 3\noom 1\noom_kill 1\n");

    assertThat(folder.getFileName().toString())
        .startsWith("cnn-grader-" + ProcessHandle.current().pid() + "-");
    assertThat(folder.resolve("memory.max")).hasContent("1140850688");
    assertThat(folder.resolve("pids.max")).hasContent("256");
    assertThat(folder.resolve("cpu.max")).hasContent("100000 100000");
    assertThat(group.cpuTime()).isEqualTo(Duration.ofMillis(1500));
    assertThat(group.peakBytes()).hasValue(734003200L);
    assertThat(group.killedForMemory()).isTrue();
  }

  @Test
  void cpuListsAreReadAsTheKernelWritesThem() {
    assertThat(CpuSlots.parseList("0-3,8,10-11")).containsExactly(0, 1, 2, 3, 8, 10, 11);
  }

  private static Object groupOf(ChildResources child) throws ReflectiveOperationException {
    java.lang.reflect.Field field = ChildResources.class.getDeclaredField("group");
    field.setAccessible(true);
    return ((Optional<?>) field.get(child)).orElseThrow();
  }
}
