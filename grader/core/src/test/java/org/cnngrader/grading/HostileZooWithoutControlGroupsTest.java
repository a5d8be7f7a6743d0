package org.cnngrader.grading;

import org.cnngrader.resources.ResourceControl;
import org.cnngrader.sandbox.Sandbox;
import org.cnngrader.sandbox.Sandboxes;

/**
 * The hostile zoo at level 3 with limits per process only, as a TA's or student's machine without
 * control groups has them: memory bounded by RLIMIT_DATA, each child on a CPU of its own.
 */
class HostileZooWithoutControlGroupsTest extends HostileZoo {

  @Override
  Sandbox sandbox() {
    return Sandboxes.processOnly(
        ResourceControl.withoutControlGroups("left out to test limits per process"));
  }
}
