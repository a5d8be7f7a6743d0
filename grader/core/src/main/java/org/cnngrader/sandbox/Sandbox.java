package org.cnngrader.sandbox;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.cnngrader.resources.ChildBudget;
import org.cnngrader.resources.ResourceBound;
import org.cnngrader.resources.ResourceControl;

/**
 * Confines the child JVMs that run student code. One instance serves a whole grading run; {@link
 * Sandboxes#choose} probes which level works on this machine.
 */
public sealed interface Sandbox permits Bubblewrap, OtherUser, ProcessOnly {

  SandboxLevel level();

  /**
   * Prepares {@code folder}, an empty folder of the parent's own, for one child that runs {@code
   * runner} on {@code classes} within {@code budget}.
   */
  Launch prepare(Path folder, Path runner, Path classes, ChildBudget budget) throws IOException;

  /** How this level bounds a child's temporary files. */
  ResourceBound temporarySpace(ChildBudget budget);

  /** Which of a child's resources are bounded at this level on this machine, and how. */
  default List<ResourceBound> bounds(ChildBudget budget) {
    List<ResourceBound> bounds = new ArrayList<>(resources().bounds(budget, ownUser()));
    bounds.add(1, temporarySpace(budget));
    return bounds;
  }

  /** The control of memory, processes and CPU that every child of this sandbox is started with. */
  ResourceControl resources();

  /** Where the parent makes each child's folder: the system's temporary folder by default. */
  default Path childFolders() throws IOException {
    return Path.of(System.getProperty("java.io.tmpdir"));
  }

  /** Called once the parent listens on the launch's socket, before the child starts. */
  default void socketBound(Launch launch) throws IOException {}

  /**
   * Ends the child and everything it started, as far as this level can tell them apart, and
   * releases its bounds.
   */
  void reap(Process child, Launch launch);

  /** Whether code in this sandbox could read {@code path} (a file, or the listing of a folder). */
  boolean exposes(Path path);

  /**
   * Whether each child runs as a user id of its own, which bounds its threads and processes and
   * lets clean-up find every process it started.
   */
  boolean ownUser();
}
