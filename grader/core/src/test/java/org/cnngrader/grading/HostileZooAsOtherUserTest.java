package org.cnngrader.grading;

import org.cnngrader.TestSandbox;
import org.cnngrader.sandbox.Sandbox;
import org.cnngrader.sandbox.SandboxLevel;

/**
 * The hostile zoo at level 2, the fallback for a grader running as root where bubblewrap cannot
 * run: it needs root, as the test suite has in CI.
 */
class HostileZooAsOtherUserTest extends HostileZoo {

  @Override
  Sandbox sandbox() {
    return TestSandbox.level(SandboxLevel.USER);
  }
}
