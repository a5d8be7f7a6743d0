package org.cnngrader.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.cnngrader.resources.ChildBudget;
import org.cnngrader.resources.ChildResources;
import org.cnngrader.resources.ResourceBound;
import org.cnngrader.resources.ResourceControl;

/**
 * Level 1: bubblewrap. The child gets new namespaces of every kind: no network but a loopback of
 * its own, its own process ids (so that killing bubblewrap ends every process the child started),
 * and a read-only file system holding only the system libraries, the JDK, the runner and the
 * submission's classes, plus an empty folder for the socket and a private /tmp.
 */
public final class Bubblewrap implements Sandbox {

  private static final Path RUNNER_INSIDE = Path.of("/grader/runner.jar");
  private static final Path RUNNER_FOLDER_INSIDE = Path.of("/grader/runner");
  private static final Path CLASSES_INSIDE = Path.of("/submission");
  private static final Path WORK_INSIDE = Path.of("/work");
  private static final Path TMP_INSIDE = Path.of("/tmp");
  private static final List<String> SYSTEM_LIBRARIES =
      List.of("/usr/lib", "/usr/lib64", "/usr/lib32", "/lib", "/lib64", "/lib32");

  private final Path bwrap;
  private final OtherUser users;
  private final Path javaHome;
  private final ResourceControl resources;

  /** Whether this bubblewrap can size a tmpfs ({@code --size}, from 0.7.0). */
  private final boolean sizesTmpfs;

  /** Read-only binds outside the per-child ones: the path as the child sees it, and its source. */
  private final Map<Path, Path> binds;

  private final List<String> symlinks;

  /** Bubblewrap as the grader's own user, or, with {@code users}, as a fresh user per child. */
  Bubblewrap(Path bwrap, OtherUser users, ResourceControl resources) {
    this.bwrap = bwrap;
    this.users = users;
    this.resources = resources;
    this.sizesTmpfs =
        Commands.probe(List.of(bwrap.toString(), "--size", "1", "--version"), Path.of("/"))
            .isEmpty();
    this.javaHome = Commands.javaHome();
    this.binds = new LinkedHashMap<>();
    this.symlinks = new ArrayList<>();
    for (String folder : SYSTEM_LIBRARIES) {
      addSystemFolder(Path.of(folder));
    }
    bindIfOutside(javaHome, javaHome);
    Path ldCache = Path.of("/etc/ld.so.cache");
    if (Files.isRegularFile(ldCache)) {
      binds.put(ldCache, ldCache);
    }
    bindLinkTargets();
  }

  @Override
  public SandboxLevel level() {
    return SandboxLevel.BWRAP;
  }

  @Override
  public ResourceControl resources() {
    return resources;
  }

  @Override
  public ResourceBound temporarySpace(ChildBudget budget) {
    return sizesTmpfs
        ? ResourceBound.held(
            ResourceBound.Resource.TEMPORARY_SPACE,
            "a private "
                + budget.temporaryMebibytes()
                + " MiB tmpfs at /tmp (bubblewrap --size); the rest of the file system read-only")
        : ResourceBound.unbounded(
            ResourceBound.Resource.TEMPORARY_SPACE,
            "this bubblewrap cannot size the child's private /tmp (0.7.0 and later can); the"
                + " memory bound, where a control group holds it, still counts what is written");
  }

  /**
   * The command words before {@code java}: the child's bounds, the switch to {@code id} (or none
   * for -1), then bubblewrap with the fixed binds and {@code perChild}.
   */
  List<String> prefix(ChildResources bounds, int id, ChildBudget budget, List<String> perChild) {
    List<String> words = new ArrayList<>(bounds.prefix());
    if (id >= 0) {
      words.addAll(users.switchTo(id));
    }
    words.add(bwrap.toString());
    words.addAll(
        List.of(
            "--unshare-all",
            "--die-with-parent",
            "--new-session",
            "--cap-drop",
            "ALL",
            "--hostname",
            "sandbox"));
    words.addAll(symlinks);
    binds.forEach(
        (inside, source) ->
            words.addAll(List.of("--ro-bind", source.toString(), inside.toString())));
    words.addAll(perChild);
    words.addAll(List.of("--proc", "/proc", "--dev", "/dev"));
    if (sizesTmpfs) {
      words.addAll(List.of("--size", Long.toString(budget.temporaryBytes())));
    }
    words.addAll(List.of("--tmpfs", TMP_INSIDE.toString()));
    // bubblewrap's own root and /dev are tmpfs the child could fill: nothing is written there.
    words.addAll(List.of("--remount-ro", "/dev", "--remount-ro", "/"));
    return words;
  }

  /** The probe's command: the JDK started as a child would be, with nothing of a submission. */
  List<String> probe(ChildResources bounds, Optional<UserLease> user, List<String> java) {
    List<String> words =
        new ArrayList<>(
            prefix(
                bounds,
                user.map(UserLease::id).orElse(-1),
                ChildBudget.PROBE,
                List.of("--chdir", "/")));
    words.addAll(java);
    return words;
  }

  @Override
  public boolean ownUser() {
    return users != null;
  }

  /** A user id for a child, where each child runs as one of its own. */
  Optional<UserLease> leaseId() throws IOException {
    return users == null ? Optional.empty() : Optional.of(users.leaseId());
  }

  @Override
  public Launch prepare(Path folder, Path runner, Path classes, ChildBudget budget)
      throws IOException {
    Optional<UserLease> user = Optional.empty();
    Path work = folder;
    if (users != null) {
      OtherUser.Staged staged = users.stage(folder, runner, classes);
      user = Optional.of(staged.user());
      runner = staged.runner();
      classes = staged.classes();
      work = staged.work();
    }
    Path runnerInside = Files.isDirectory(runner) ? RUNNER_FOLDER_INSIDE : RUNNER_INSIDE;
    List<String> perChild =
        List.of(
            "--ro-bind",
            runner.toString(),
            runnerInside.toString(),
            "--ro-bind",
            classes.toString(),
            CLASSES_INSIDE.toString(),
            "--ro-bind",
            work.toString(),
            WORK_INSIDE.toString(),
            "--chdir",
            TMP_INSIDE.toString());
    ChildResources bounds;
    try {
      bounds = resources.start(budget, user.isPresent());
    } catch (IOException | RuntimeException e) {
      user.ifPresent(UserLease::close);
      throw e;
    }
    return new Launch(
        prefix(bounds, user.map(UserLease::id).orElse(-1), budget, perChild),
        javaHome.resolve("bin/java"),
        runnerInside,
        CLASSES_INSIDE,
        work.resolve("s"),
        WORK_INSIDE.resolve("s"),
        work,
        TMP_INSIDE,
        user,
        bounds);
  }

  @Override
  public void socketBound(Launch launch) throws IOException {
    if (launch.user().isPresent()) {
      OtherUser.handOver(launch);
    }
  }

  @Override
  public void reap(Process child, Launch launch) {
    // Killing bubblewrap kills its init process (--die-with-parent), and with it every process in
    // the child's pid namespace.
    if (launch.user().isPresent()) {
      // The machine's shared folders are not in the child's file system.
      OtherUser.reapUser(child, launch, false);
    } else {
      if (!launch.resources().killAll()) {
        Reaper.killTree(child.toHandle());
      }
      launch.close();
    }
  }

  @Override
  public boolean exposes(Path path) {
    Path real;
    try {
      real = path.toRealPath();
    } catch (IOException e) {
      return false;
    }
    return binds.values().stream().anyMatch(real::startsWith);
  }

  private void addSystemFolder(Path folder) {
    if (Files.isSymbolicLink(folder)) {
      try {
        symlinks.addAll(
            List.of("--symlink", Files.readSymbolicLink(folder).toString(), folder.toString()));
      } catch (IOException e) {
        // An unreadable link is left out; the probe shows whether the JDK still starts.
      }
    } else if (Files.isDirectory(folder)) {
      binds.put(folder, folder);
    }
  }

  private void bindIfOutside(Path inside, Path source) {
    if (binds.keySet().stream().noneMatch(inside::startsWith)) {
      binds.put(inside, source);
    }
  }

  /**
   * Distributions link parts of the JDK (its security settings, its CA certificates) to /etc; those
   * targets are bound too, file by file, and nothing else of /etc.
   */
  private void bindLinkTargets() {
    try (Stream<Path> paths = Files.walk(javaHome, 4)) {
      paths
          .filter(Files::isSymbolicLink)
          .forEach(
              link -> {
                try {
                  Path target = link.getParent().resolve(Files.readSymbolicLink(link)).normalize();
                  if (Files.exists(target) && !target.startsWith(javaHome)) {
                    bindIfOutside(target, target.toRealPath());
                  }
                } catch (IOException e) {
                  // A dangling link inside the JDK is not needed to run it.
                }
              });
    } catch (IOException | UncheckedIOException e) {
      // Unreadable parts of the JDK: the probe shows whether it still starts.
    }
  }
}
