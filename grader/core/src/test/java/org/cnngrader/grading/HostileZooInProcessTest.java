package org.cnngrader.grading;

import org.cnngrader.TestSandbox;
import org.cnngrader.sandbox.Sandbox;
import org.cnngrader.sandbox.SandboxLevel;

/**
 * The hostile zoo at level 3, limits only: everything but the secrecy of files and the network
 * still holds.
 */
class HostileZooInProcessTest extends HostileZoo {

  @Override
  Sandbox sandbox() {
    return TestSandbox.level(SandboxLevel.PROCESS);
  }
}
