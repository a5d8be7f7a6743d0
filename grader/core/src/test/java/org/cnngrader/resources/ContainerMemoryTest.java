package org.cnngrader.resources;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The memory offered, read from a fake /proc and fake control-group folders. */
class ContainerMemoryTest {

  private static final long MIB = ChildBudget.MIB;

  @TempDir Path temp;

  private Path mounts;
  private Path membership;
  private Path meminfo;

  @BeforeEach
  void aMachineWith24GibibytesOfMemory() throws IOException {
    mounts = temp.resolve("mounts");
    membership = temp.resolve("cgroup");
    meminfo = temp.resolve("meminfo");
    Files.writeString(
        meminfo,
        "MemTotal:       25165824 kB\nMemFree:        20000000 kB\nMemAvailable:   22000000 kB\n");
    Files.writeString(mounts, "proc /proc proc rw 0 0\n");
    Files.writeString(membership, "");
  }

  private ContainerMemory read() {
    return ContainerMemory.read(mounts, membership, meminfo);
  }

  private Path group(String path, String file, String value) throws IOException {
    Path folder = Files.createDirectories(temp.resolve(path));
    Files.writeString(folder.resolve(file), value + "\n");
    return folder;
  }

  @Test
  void withoutControlGroupsTheMachinesTotalMemoryIsOffered() {
    assertThat(read()).isEqualTo(new ContainerMemory(24_576 * MIB, meminfo + " MemTotal"));
  }

  @Test
  void aVersionTwoContainerSeesItsOwnGroupAsTheRootAndItsLimitThere() throws IOException {
    Path root = group("v2", "memory.max", Long.toString(768 * MIB));
    Files.writeString(mounts, "cgroup2 " + root + " cgroup2 ro,nosuid 0 0\n");
    Files.writeString(membership, "0::/\n");

    assertThat(read()).isEqualTo(new ContainerMemory(768 * MIB, "cgroup v2 memory.max of " + root));
  }

  @Test
  void theLeastLimitOnThePathUpToTheRootCountsAndMaxIsNone() throws IOException {
    Path root = group("v2", "memory.max", "max");
    Path parent = group("v2/jobs", "memory.max", Long.toString(2048 * MIB));
    group("v2/jobs/grader", "memory.max", "max");
    Files.writeString(mounts, "cgroup2 " + root + " cgroup2 rw 0 0\n");
    Files.writeString(membership, "0::/jobs/grader\n");

    assertThat(read())
        .isEqualTo(new ContainerMemory(2048 * MIB, "cgroup v2 memory.max of " + parent));
  }

  @Test
  void aVersionOneContainerNamedByItsHostPathIsReadAtTheMountsRoot() throws IOException {
    // Docker without a cgroup namespace: /proc names /docker/<id>, the mount shows that group.
    Path root = group("memory", "memory.limit_in_bytes", Long.toString(512 * MIB));
    Path cpu = Files.createDirectories(temp.resolve("cpu"));
    Files.writeString(
        mounts,
        "cgroup "
            + cpu
            + " cgroup ro,nosuid,cpu,cpuacct 0 0\ncgroup "
            + root
            + " cgroup ro,nosuid,memory 0 0\n");
    Files.writeString(membership, "5:cpu,cpuacct:/docker/abc\n4:memory:/docker/abc\n");

    assertThat(read())
        .isEqualTo(new ContainerMemory(512 * MIB, "cgroup v1 memory.limit_in_bytes of " + root));
  }

  @Test
  void aVersionOneLimitAboveTheMachinesMemoryIsNoLimit() throws IOException {
    Path root = group("memory", "memory.limit_in_bytes", "9223372036854771712");
    group("memory/grading", "memory.limit_in_bytes", "9223372036854771712");
    Files.writeString(mounts, "cgroup " + root + " cgroup rw,memory 0 0\n");
    Files.writeString(membership, "4:memory:/grading\n");

    assertThat(read()).isEqualTo(new ContainerMemory(24_576 * MIB, meminfo + " MemTotal"));
  }

  @Test
  void aPathThatLeavesTheMountIsNotFollowedAndUnreadableFilesAreNoLimit() throws IOException {
    group("outside", "memory.max", Long.toString(64 * MIB));
    Path root = group("v2", "memory.max", "not a number");
    Files.writeString(mounts, "cgroup2 " + root + " cgroup2 rw 0 0\n");
    Files.writeString(membership, "0::/../outside\n");

    assertThat(read()).isEqualTo(new ContainerMemory(24_576 * MIB, meminfo + " MemTotal"));
  }

  @Test
  void bothHierarchiesAreReadAndTheLeastLimitCounts() throws IOException {
    Path v1 = group("memory", "memory.limit_in_bytes", Long.toString(1024 * MIB));
    Path v2 = group("unified", "memory.max", Long.toString(900 * MIB));
    Files.writeString(
        mounts, "cgroup " + v1 + " cgroup rw,memory 0 0\ncgroup2 " + v2 + " cgroup2 rw 0 0\n");
    Files.writeString(membership, "4:memory:/\n0::/\n");

    assertThat(read()).isEqualTo(new ContainerMemory(900 * MIB, "cgroup v2 memory.max of " + v2));
  }
}
