package org.cnngrader.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Level 2: for a grader running as root where bubblewrap cannot run (a plain Docker container,
 * say). Every child runs as a user id of its own that no process uses and no file belongs to
 * (setpriv), so it can read only what every user may read: the grader hides the fixtures and
 * outputs from other users (see {@link #hide}). The child's runner and classes are copies in a
 * folder only its group may enter, so children cannot read each other's submissions. Clean-up kills
 * every process of the child's user, wherever it went. The network stays reachable.
 */
public final class OtherUser implements Sandbox {

  /** Ids handed to children, a block unlikely to belong to anyone on a grading machine. */
  static final int FIRST_ID = 50_000;

  private static final int IDS = 1_000;
  private static final Set<PosixFilePermission> OTHERS =
      EnumSet.of(
          PosixFilePermission.OTHERS_READ,
          PosixFilePermission.OTHERS_WRITE,
          PosixFilePermission.OTHERS_EXECUTE);

  private final Path setpriv;

  /**
   * Where the round starts: random, so that runs one after the other rarely hand a child the id an
   * earlier run's child had.
   */
  private final AtomicInteger next = new AtomicInteger(new SecureRandom().nextInt(IDS));

  OtherUser(Path setpriv) {
    this.setpriv = setpriv;
  }

  @Override
  public SandboxLevel level() {
    return SandboxLevel.USER;
  }

  /** The words that switch to {@code id} before running the rest of a command. */
  List<String> switchTo(int id) {
    return List.of(
        setpriv.toString(),
        "--reuid=" + id,
        "--regid=" + id,
        "--clear-groups",
        "--no-new-privs",
        "--");
  }

  /** A user id with no process, taken round-robin from the block. */
  int freeId() {
    for (int attempt = 0; attempt < IDS; attempt++) {
      int id = FIRST_ID + Math.floorMod(next.getAndIncrement(), IDS);
      if (!Reaper.userHasProcesses(id)) {
        return id;
      }
    }
    throw new IllegalStateException(
        "every user id from " + FIRST_ID + " to " + (FIRST_ID + IDS - 1) + " has processes");
  }

  /** A child's own copies of the runner and classes, and its working folder. */
  record Staged(int id, Path runner, Path classes, Path work) {}

  /**
   * Stages {@code folder} for a child running as a fresh user id: the folder stays root's and only
   * the child's group may enter it; the copies in it are root's and read-only; {@code work} is the
   * child's own.
   */
  Staged stage(Path folder, Path runner, Path classes) throws IOException {
    int id = freeId();
    Files.setAttribute(folder, "unix:gid", id);
    Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-x---"));
    Path runnerCopy = folder.resolve(Files.isDirectory(runner) ? "runner" : "runner.jar");
    copyTree(runner, runnerCopy);
    Path classesCopy = folder.resolve("classes");
    copyTree(classes, classesCopy);
    Path work = Files.createDirectory(folder.resolve("work"));
    Files.setAttribute(work, "unix:uid", id);
    Files.setAttribute(work, "unix:gid", id);
    Files.setPosixFilePermissions(work, PosixFilePermissions.fromString("rwx------"));
    return new Staged(id, runnerCopy, classesCopy, work);
  }

  @Override
  public Launch prepare(Path folder, Path runner, Path classes) throws IOException {
    Staged staged = stage(folder, runner, classes);
    List<String> prefix = new ArrayList<>(Commands.limits(true));
    prefix.addAll(switchTo(staged.id()));
    Path socket = staged.work().resolve("s");
    return new Launch(
        prefix,
        Commands.javaHome().resolve("bin/java"),
        staged.runner(),
        staged.classes(),
        socket,
        socket,
        staged.work(),
        staged.id());
  }

  @Override
  public void socketBound(Launch launch) throws IOException {
    handOver(launch);
  }

  /** Connecting to a socket needs write access to it: the socket becomes the child's user's. */
  static void handOver(Launch launch) throws IOException {
    Files.setAttribute(launch.socket(), "unix:uid", launch.user());
  }

  @Override
  public void reap(Process child, Launch launch) {
    reapUser(child, launch.user());
  }

  /**
   * Kills every process of {@code id}, then deletes what it left in the folders every user may
   * write to, so that nothing a child wrote there (hidden inputs, say) reaches a later child.
   */
  static void reapUser(Process child, int id) {
    Reaper.killTree(child.toHandle());
    Reaper.killUser(id);
    SharedFolders.deleteOwnedBy(id);
  }

  /**
   * Whether every user may read {@code path}: its own permission for others, and search permission
   * on every folder above it. (Access control lists are not consulted.)
   */
  @Override
  public boolean exposes(Path path) {
    try {
      Path real = path.toRealPath();
      PosixFilePermission needed =
          Files.isDirectory(real)
              ? PosixFilePermission.OTHERS_EXECUTE
              : PosixFilePermission.OTHERS_READ;
      if (!Files.getPosixFilePermissions(real).contains(needed)) {
        return false;
      }
      for (Path folder = real.getParent(); folder != null; folder = folder.getParent()) {
        if (!Files.getPosixFilePermissions(folder).contains(PosixFilePermission.OTHERS_EXECUTE)) {
          return false;
        }
      }
      return true;
    } catch (IOException | UnsupportedOperationException e) {
      return false;
    }
  }

  /** Takes every permission of other users from {@code path}; true when that changed anything. */
  public static boolean hide(Path path) throws IOException {
    Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(path);
    if (permissions.stream().noneMatch(OTHERS::contains)) {
      return false;
    }
    permissions.removeAll(OTHERS);
    Files.setPosixFilePermissions(path, permissions);
    return true;
  }

  private static void copyTree(Path source, Path target) throws IOException {
    if (!Files.isDirectory(source)) {
      Files.copy(source, target);
      Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-r--r--"));
      return;
    }
    try (Stream<Path> paths = Files.walk(source)) {
      for (Path path : (Iterable<Path>) paths::iterator) {
        Path copy = target.resolve(source.relativize(path).toString());
        if (Files.isDirectory(path)) {
          Files.createDirectories(copy);
          Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rwxr-xr-x"));
        } else {
          Files.copy(path, copy);
          Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rw-r--r--"));
        }
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  @Override
  public boolean ownUser() {
    return true;
  }
}
