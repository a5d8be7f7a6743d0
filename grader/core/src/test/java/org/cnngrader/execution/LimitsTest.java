package org.cnngrader.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.cnngrader.resources.ChildMemory;
import org.junit.jupiter.api.Test;

class LimitsTest {

  @Test
  void theWallBackstopIsTheCpuLimitTimesTheFactorWhateverItsSize() {
    Duration[] limits = {
      Duration.ofNanos(1),
      Duration.ofMillis(1_500),
      Duration.ofSeconds(20, 123_456_789),
      Duration.ofDays(365L * 1_000), // beyond what a long of nanoseconds holds, times the factor
    };
    for (Duration limit : limits) {
      assertThat(Limits.wallBackstop(limit))
          .as("%s", limit)
          .isEqualTo(limit.multipliedBy(Limits.WALL_FACTOR));
    }
  }

  @Test
  void aChildsMemoryBoundIsItsHeapAndWhatItMayTakeBesideIt() {
    assertThat(Limits.DEFAULT.budget().memoryMebibytes()).isEqualTo(1_088);
    Limits fitted = Limits.DEFAULT.withChildMemory(new ChildMemory(184, 207));

    assertThat(fitted.heapMegabytes()).isEqualTo(184);
    assertThat(fitted.nativeMegabytes()).isEqualTo(207);
    assertThat(fitted.budget().memoryMebibytes()).isEqualTo(391);
    assertThat(fitted.budget().temporaryMebibytes()).isEqualTo(64);
  }

  @Test
  void lessBesideTheHeapThanTheFloorIsRefused() {
    assertThatThrownBy(() -> Limits.DEFAULT.withChildMemory(new ChildMemory(184, 95)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("nativeMegabytes must be at least 96, found 95");
  }
}
