package org.cnngrader.sandbox;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Level 3: the child runs as the grader's own user, in a session of its own (setsid) under
 * operating-system limits (prlimit), where those programs exist. It can read whatever the grader's
 * user can read, hidden fixtures included, and reach the network. A process that leaves the child's
 * session and outlives its parent (setsid, then its parent exits) escapes the clean-up.
 */
public final class ProcessOnly implements Sandbox {

  private final Optional<Path> setsid = Commands.find("setsid");

  ProcessOnly() {}

  @Override
  public SandboxLevel level() {
    return SandboxLevel.PROCESS;
  }

  @Override
  public Launch prepare(Path folder, Path runner, Path classes) {
    List<String> prefix = new ArrayList<>();
    // setsid gives the child a session of its own, so that everything it starts can be found.
    setsid.ifPresent(path -> prefix.add(path.toString()));
    prefix.addAll(Commands.limits(false));
    Path socket = folder.resolve("s");
    return new Launch(
        prefix,
        Commands.javaHome().resolve("bin/java"),
        runner,
        classes,
        socket,
        socket,
        folder,
        -1);
  }

  @Override
  public void reap(Process child, Launch launch) {
    Reaper.killTree(child.toHandle());
    if (setsid.isPresent()) {
      Reaper.killSession(child.pid());
    }
  }

  @Override
  public boolean exposes(Path path) {
    return Files.isReadable(path);
  }

  @Override
  public boolean ownUser() {
    return false;
  }
}
