package org.cnngrader;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.cnngrader.sandbox.Sandbox;
import org.cnngrader.sandbox.SandboxChoice;
import org.cnngrader.sandbox.SandboxLevel;
import org.cnngrader.sandbox.SandboxUnavailableException;
import org.cnngrader.sandbox.Sandboxes;
import org.junit.jupiter.api.Assumptions;

/**
 * The sandbox the tests grade in. The environment variable {@code GRADER_EXPECT_SANDBOX} (bwrap,
 * user or process) names the weakest level the machine must offer, and demands every level from it
 * down: {@code bwrap} demands levels 1, 2 (root) and 3, as CI does. A demanded level that does not
 * work fails the test that asked; a level nobody demanded that does not work here (no bubblewrap on
 * a laptop, no root for level 2) skips it, with the reason, so the suite passes on every TA's
 * machine and says what it could not test.
 */
public final class TestSandbox {

  public static final String EXPECT_VARIABLE = "GRADER_EXPECT_SANDBOX";

  private TestSandbox() {}

  /** The strongest sandbox that works here, checked against the expected level. */
  public static Sandbox strongest() {
    try {
      Sandboxes.Choice choice = Sandboxes.choose(SandboxChoice.AUTO);
      expected()
          .ifPresent(
              level ->
                  assertThat(choice.sandbox().level().number())
                      .as(
                          "%s=%s, but auto picked %s (passed over: %s)",
                          EXPECT_VARIABLE,
                          level.key(),
                          choice.sandbox().level().key(),
                          choice.passedOver())
                      .isLessThanOrEqualTo(level.number()));
      return choice.sandbox();
    } catch (SandboxUnavailableException e) {
      throw new AssertionError("auto never fails", e);
    }
  }

  /**
   * The strongest sandbox that works here, when it is {@code level} or stronger; where it is weaker
   * and nothing demands more, a test that needs it is not run, and says why.
   */
  public static Sandbox atLeast(SandboxLevel level) {
    Sandbox sandbox = strongest();
    Assumptions.assumeTrue(
        sandbox.level().number() <= level.number(),
        () ->
            "needs sandbox level "
                + level.number()
                + " ("
                + level.key()
                + ") or stronger, but the strongest here is "
                + sandbox.level().key()
                + "; "
                + EXPECT_VARIABLE
                + " would make this a failure");
    return sandbox;
  }

  /** The level named by the environment, if any. */
  public static Optional<SandboxLevel> expected() {
    String value = System.getenv(EXPECT_VARIABLE);
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    for (SandboxLevel level : SandboxLevel.values()) {
      if (level.key().equals(value.strip())) {
        return Optional.of(level);
      }
    }
    throw new IllegalStateException(
        EXPECT_VARIABLE + " must be bwrap, user or process, found '" + value + "'");
  }

  /** Whether the environment demands that {@code level} works here. */
  public static boolean demands(SandboxLevel level) {
    return expected().map(weakest -> weakest.number() <= level.number()).orElse(false);
  }

  /**
   * A named level: it must work here when demanded; otherwise a test that needs it is not run where
   * it does not work, and says why.
   */
  public static Sandbox level(SandboxLevel level) {
    try {
      return Sandboxes.choose(SandboxChoice.parse(level.key())).sandbox();
    } catch (SandboxUnavailableException e) {
      String reason =
          "sandbox "
              + level.key()
              + " (level "
              + level.number()
              + ") does not work here: "
              + e.getMessage();
      if (demands(level)) {
        throw new AssertionError(
            reason
                + " ("
                + EXPECT_VARIABLE
                + "="
                + expected().orElseThrow().key()
                + " demands it)");
      }
      Assumptions.abort(reason + "; " + EXPECT_VARIABLE + " would make this a failure");
      throw new AssertionError("not reached");
    }
  }
}
