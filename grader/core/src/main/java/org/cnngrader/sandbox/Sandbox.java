package org.cnngrader.sandbox;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Confines the child JVMs that run student code. One instance serves a whole grading run; {@link
 * Sandboxes#choose} probes which level works on this machine.
 */
public sealed interface Sandbox permits Bubblewrap, OtherUser, ProcessOnly {

  SandboxLevel level();

  /**
   * Prepares {@code folder}, an empty folder of the parent's own, for one child that runs {@code
   * runner} on {@code classes}.
   */
  Launch prepare(Path folder, Path runner, Path classes) throws IOException;

  /** Called once the parent listens on the launch's socket, before the child starts. */
  default void socketBound(Launch launch) throws IOException {}

  /** Ends the child and everything it started, as far as this level can tell them apart. */
  void reap(Process child, Launch launch);

  /** Whether code in this sandbox could read {@code path} (a file, or the listing of a folder). */
  boolean exposes(Path path);

  /**
   * Whether each child runs as a user id of its own, which bounds its threads and processes and
   * lets clean-up find every process it started.
   */
  boolean ownUser();
}
