package org.cnngrader;

import static org.assertj.core.api.Assertions.assertThat;

import org.cnngrader.sandbox.Sandbox;
import org.cnngrader.sandbox.SandboxChoice;
import org.cnngrader.sandbox.SandboxLevel;
import org.cnngrader.sandbox.SandboxUnavailableException;
import org.cnngrader.sandbox.Sandboxes;

/**
 * The sandbox the tests grade in: what {@code auto} picks on this machine, which must be at least
 * as strong as the level named by the environment variable {@code GRADER_EXPECT_SANDBOX} (bwrap,
 * user or process) when it is set. A weaker level fails the test that asked, rather than skipping
 * it.
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

  /** The level named by the environment, if any. */
  public static java.util.Optional<SandboxLevel> expected() {
    String value = System.getenv(EXPECT_VARIABLE);
    if (value == null || value.isBlank()) {
      return java.util.Optional.empty();
    }
    for (SandboxLevel level : SandboxLevel.values()) {
      if (level.key().equals(value.strip())) {
        return java.util.Optional.of(level);
      }
    }
    throw new IllegalStateException(
        EXPECT_VARIABLE + " must be bwrap, user or process, found '" + value + "'");
  }

  /** A named level, which must work here. */
  public static Sandbox level(SandboxChoice choice) {
    try {
      return Sandboxes.choose(choice).sandbox();
    } catch (SandboxUnavailableException e) {
      throw new AssertionError(
          "sandbox " + choice.key() + " does not work here: " + e.getMessage());
    }
  }
}
