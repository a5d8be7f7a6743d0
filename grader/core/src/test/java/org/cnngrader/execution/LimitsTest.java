package org.cnngrader.execution;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
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
}
