package org.cnngrader.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.cnngrader.execution.Limits;
import org.cnngrader.grading.GradingOptions;
import org.cnngrader.resources.ChildBudget;
import org.cnngrader.resources.ChildMemory;
import org.cnngrader.resources.ContainerMemory;
import org.junit.jupiter.api.Test;

class MemorySizingTest {

  private static final ContainerMemory GRADESCOPE =
      new ContainerMemory(768 * ChildBudget.MIB, "cgroup v2 memory.max of /sys/fs/cgroup");

  private static final ContainerMemory LAPTOP =
      new ContainerMemory(768 * ChildBudget.MIB, "/proc/meminfo MemTotal");

  @Test
  void withMemoryToSpareTheOptionsAreKeptAndTheConsoleSaysNothingMore() {
    MemorySizing.Sized sized =
        MemorySizing.size(
            GradingOptions.DEFAULT,
            2,
            false,
            10,
            new ContainerMemory(24_576 * ChildBudget.MIB, "/proc/meminfo MemTotal"),
            6_400);

    assertThat(sized.options()).isEqualTo(GradingOptions.DEFAULT);
    assertThat(sized.jobs()).isEqualTo(2);
    assertThat(sized.worthSaying()).isFalse();
    assertThat(sized.memory()).isEqualTo("1,088 MiB, heap 512 MiB");
  }

  @Test
  void gradescopesContainerGetsAChildThatFitsBesideTheGraderAndTheProvenanceSaysHow() {
    MemorySizing.Sized sized =
        MemorySizing.size(GradingOptions.DEFAULT, 2, false, 1, GRADESCOPE, 377);

    assertThat(sized.options().limits())
        .isEqualTo(Limits.DEFAULT.withChildMemory(new ChildMemory(184, 207)));
    assertThat(sized.options().limits().budget().memoryMebibytes()).isEqualTo(391);
    assertThat(sized.worthSaying()).isTrue();
    assertThat(sized.memory()).isEqualTo("391 MiB, heap 184 MiB, fitted to the 768 MiB here");
    assertThat(sized.shares())
        .isEqualTo(
            "the container has 768 MiB (cgroup v2 memory.max of /sys/fs/cgroup); the grader keeps"
                + " 377 MiB; 1 child at a time, it gets 391 MiB: heap 184 MiB and 207 MiB beside"
                + " it (less than asked for, to fit)");
  }

  @Test
  void whereNotEvenOneChildFitsNothingIsGradedAndTheMessageGivesTheNumbers() {
    assertThatThrownBy(() -> MemorySizing.size(GradingOptions.DEFAULT, 1, true, 1, GRADESCOPE, 700))
        .isInstanceOf(TooLittleMemoryException.class)
        .hasMessage(
            "the container has 768 MiB of memory (cgroup v2 memory.max of /sys/fs/cgroup); the"
                + " grader needs 700 MiB and a child at least 128 MiB");
  }

  @Test
  void jobsGivenThatDoNotFitAreRefusedWithHowManyWould() {
    // 391 MiB left: 97 each for 4, 128 each for 3.
    assertThatThrownBy(() -> MemorySizing.size(GradingOptions.DEFAULT, 4, true, 10, LAPTOP, 377))
        .isInstanceOf(TooLittleMemoryException.class)
        .hasMessage(
            "the machine has 768 MiB of memory (/proc/meminfo MemTotal); the grader needs 377 MiB"
                + " and a child at least 128 MiB, 4 children at a time 512 MiB: --jobs 3 or fewer"
                + " fit");
  }

  @Test
  void jobsNotGivenAreLoweredToWhatFits() {
    MemorySizing.Sized sized = MemorySizing.size(GradingOptions.DEFAULT, 4, false, 10, LAPTOP, 377);

    assertThat(sized.jobs()).isEqualTo(3);
    assertThat(sized.options().limits().childMemory()).isEqualTo(new ChildMemory(34, 96));
    assertThat(sized.shares())
        .isEqualTo(
            "the machine has 768 MiB (/proc/meminfo MemTotal); the grader keeps 377 MiB; 3"
                + " children at a time (fewer jobs, to fit), each gets 130 MiB: heap 34 MiB and 96"
                + " MiB beside it (less than asked for, to fit)");
  }

  @Test
  void noMoreChildrenRunAtATimeThanThereAreSubmissions() {
    MemorySizing.Sized sized = MemorySizing.size(GradingOptions.DEFAULT, 8, true, 1, LAPTOP, 377);

    assertThat(sized.jobs()).isEqualTo(8);
    assertThat(sized.children()).isEqualTo(1);
    assertThat(sized.options().limits().budget().memoryMebibytes()).isEqualTo(391);
  }
}
