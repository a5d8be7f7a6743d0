package org.cnngrader.sandbox;

import java.nio.file.Path;
import java.util.List;
import org.cnngrader.resources.ChildResources;

/**
 * How to start one child in a sandbox: the command that goes before {@code java}, and the paths of
 * the runner, the classes and the socket as the child sees them, which may differ from the
 * parent's.
 *
 * @param prefix the command words before the java executable
 * @param java the java executable, as the child sees it
 * @param runner the runner's jar or folder, as the child sees it
 * @param classes the submission's classes, as the child sees them
 * @param socket where the parent listens (its own view)
 * @param childSocket the same socket, as the child sees it
 * @param directory the working directory to start the command in (the parent's view)
 * @param home the child's own writable folder, as the child sees it
 * @param user the user id the child runs as, or -1 for the grader's own
 * @param resources the child's bounds on memory, processes and CPU, and its CPU clock
 */
public record Launch(
    List<String> prefix,
    Path java,
    Path runner,
    Path classes,
    Path socket,
    Path childSocket,
    Path directory,
    Path home,
    int user,
    ChildResources resources) {

  public Launch {
    prefix = List.copyOf(prefix);
  }
}
