package org.cnngrader.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.cnngrader.resources.ChildBudget;
import org.cnngrader.resources.ChildResources;
import org.cnngrader.resources.Programs;
import org.cnngrader.resources.ResourceBound;
import org.cnngrader.resources.ResourceControl;

/**
 * Level 3: the child runs as the grader's own user, in a session of its own (setsid) under its
 * resource bounds, where those programs exist. It can read whatever the grader's user can read,
 * hidden fixtures included, reach the network, and write wherever that user may: its temporary
 * files are bounded per file only. A process that leaves the child's session and outlives its
 * parent (setsid, then its parent exits) escapes the clean-up unless a control group holds it.
 */
public final class ProcessOnly implements Sandbox {

  private final Optional<Path> setsid = Programs.find("setsid");
  private final ResourceControl resources;

  ProcessOnly(ResourceControl resources) {
    this.resources = resources;
  }

  @Override
  public SandboxLevel level() {
    return SandboxLevel.PROCESS;
  }

  @Override
  public ResourceControl resources() {
    return resources;
  }

  @Override
  public Launch prepare(Path folder, Path runner, Path classes, ChildBudget budget)
      throws IOException {
    ChildResources bounds = resources.start(budget, false);
    List<String> prefix = new ArrayList<>(bounds.prefix());
    // setsid gives the child a session of its own, so that everything it starts can be found.
    setsid.ifPresent(path -> prefix.add(path.toString()));
    Path socket = folder.resolve("s");
    return new Launch(
        prefix,
        Commands.javaHome().resolve("bin/java"),
        runner,
        classes,
        socket,
        socket,
        folder,
        folder,
        Optional.empty(),
        bounds);
  }

  @Override
  public ResourceBound temporarySpace(ChildBudget budget) {
    return ResourceBound.unbounded(
        ResourceBound.Resource.TEMPORARY_SPACE,
        "the child writes wherever the grader's user may, each file up to 64 MiB");
  }

  @Override
  public void reap(Process child, Launch launch) {
    Reaper.killTree(child.toHandle());
    if (setsid.isPresent()) {
      Reaper.killSession(child.pid());
    }
    launch.close();
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
