package org.cnngrader.sandbox;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
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
 * @param user the user id lent to the child, or empty when it runs as the grader's own
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
    Optional<UserLease> user,
    ChildResources resources) {

  public Launch {
    prefix = List.copyOf(prefix);
  }

  /**
   * Frees what the child held: its bounds and its user id. Call once its processes are gone and its
   * files deleted.
   */
  public void close() {
    resources.close();
    user.ifPresent(UserLease::close);
  }
}
