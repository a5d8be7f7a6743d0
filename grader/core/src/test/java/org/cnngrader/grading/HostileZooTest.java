package org.cnngrader.grading;

import org.cnngrader.TestSandbox;
import org.cnngrader.sandbox.Sandbox;

/**
 * The hostile zoo in the strongest sandbox this machine offers, which must reach the level named by
 * GRADER_EXPECT_SANDBOX when that is set.
 */
class HostileZooTest extends HostileZoo {

  @Override
  Sandbox sandbox() {
    return TestSandbox.strongest();
  }
}
