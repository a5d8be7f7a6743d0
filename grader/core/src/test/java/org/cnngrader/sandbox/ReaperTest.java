package org.cnngrader.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The sweeps by user id find a user's processes from /proc, and only theirs. */
class ReaperTest {

  @Test
  void findsTheProcessesOfAUserAndNoneOfAnUnusedId() throws Exception {
    assumeTrue(
        Files.isDirectory(Path.of("/proc/self/task")),
        "needs Linux's /proc (this machine has none)");
    int self = (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");

    assertThat(Reaper.userHasProcesses(self)).isTrue();
    assertThat(Reaper.userHasProcesses(UserIds.FIRST_ID + UserIds.IDS + 12_345)).isFalse();
  }
}
