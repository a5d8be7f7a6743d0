package org.cnngrader.resources;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;

/**
 * One child's control group: the files a process writes its id to in order to enter it, what the
 * group counted, and its end. Everything the child starts stays in the group, so the counts and the
 * kill cover every process, wherever it went.
 */
public sealed interface ChildGroup permits CgroupV1.Group, CgroupV2.Group {

  /** The files a process enters the group by writing its id to, one per hierarchy. */
  List<Path> entryFiles();

  /** CPU time used by every process the group has held. */
  Duration cpuTime() throws IOException;

  /** The most memory the group held at once, where the kernel tells. */
  OptionalLong peakBytes() throws IOException;

  /** Whether the kernel killed a process of the group because the group hit its memory limit. */
  boolean killedForMemory() throws IOException;

  /**
   * Kills every process in the group, until none is left; true when the group was then read empty
   * (or is gone), false when it could not be read.
   */
  boolean killAll();

  /** Removes the group; it must hold no process. */
  void remove();
}
