package org.cnngrader.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.cnngrader.resources.ChildBudget;
import org.cnngrader.resources.ChildResources;
import org.cnngrader.resources.Programs;
import org.cnngrader.resources.ResourceBound;
import org.cnngrader.resources.ResourceControl;

/**
 * Level 2: for a grader running as root where bubblewrap cannot run (a plain Docker container,
 * say). Every child runs as a user id of its own that no process uses and no file belongs to
 * (setpriv), so it can read only what every user may read: the grader hides the fixtures and
 * outputs from other users (see {@link #hide}). The child's runner and classes are copies in a
 * folder only its group may enter, so children cannot read each other's submissions. Clean-up kills
 * every process of the child's user, wherever it went. The network stays reachable.
 *
 * <p>Where the machine lets root make a mount namespace (not in a default Docker container), the
 * folders every user may write to are one private tmpfs of a fixed size per child; elsewhere the
 * child writes into the machine's own, and what it left there is deleted after it.
 */
public final class OtherUser implements Sandbox {

  private static final Set<PosixFilePermission> OTHERS =
      EnumSet.of(
          PosixFilePermission.OTHERS_READ,
          PosixFilePermission.OTHERS_WRITE,
          PosixFilePermission.OTHERS_EXECUTE);

  private final Path setpriv;
  private final ResourceControl resources;

  /** The words that give a child a private, sized /tmp, or empty where that cannot be done. */
  private final Optional<PrivateTemporary> temporary;

  private final UserIds ids = UserIds.ofThisMachine();

  OtherUser(Path setpriv, ResourceControl resources) {
    this.setpriv = setpriv;
    this.resources = resources;
    this.temporary = PrivateTemporary.probe();
  }

  @Override
  public ResourceControl resources() {
    return resources;
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

  /** A user id no other child of any grader here holds and no process runs as. */
  UserLease leaseId() throws IOException {
    return ids.lease();
  }

  /**
   * The words that give a child a private tmpfs of its budget's size in place of every folder all
   * users may write to: a mount namespace of its own (unshare), one tmpfs, bound to each folder.
   */
  record PrivateTemporary(Path unshare, Path shell) {

    private static final String SCRIPT =
        "size=$1; files=$2; shift 2; first=; while [ \"$1\" != -- ]; do"
            + " if [ -z \"$first\" ]; then"
            + " mount -t tmpfs -o \"size=$size,nr_inodes=$files,mode=1777\" tmpfs \"$1\""
            + " || exit 124; first=$1;"
            + " else mount --bind \"$first\" \"$1\" || exit 124; fi; shift; done; shift;"
            + " exec \"$@\"";

    List<String> words(ChildBudget budget) {
      List<String> words =
          new ArrayList<>(
              List.of(
                  unshare.toString(),
                  "--mount",
                  "--propagation",
                  "private",
                  shell.toString(),
                  "-c",
                  SCRIPT,
                  "private-tmp",
                  Long.toString(budget.temporaryBytes()),
                  Long.toString(budget.temporaryFiles())));
      SharedFolders.paths().forEach(words::add);
      words.add("--");
      return words;
    }

    /** The words, where a trial mount works on this machine. */
    static Optional<PrivateTemporary> probe() {
      Optional<Path> unshare = Programs.find("unshare");
      Optional<Path> shell = Programs.find("sh");
      Optional<Path> truth = Programs.find("true");
      if (unshare.isEmpty() || shell.isEmpty() || truth.isEmpty()) {
        return Optional.empty();
      }
      PrivateTemporary temporary = new PrivateTemporary(unshare.get(), shell.get());
      List<String> trial =
          new ArrayList<>(
              temporary.words(new ChildBudget(ChildBudget.MIB * 64, ChildBudget.MIB, 16, 32, 1)));
      trial.add(truth.get().toString());
      return Commands.probe(trial, Path.of("/")).isEmpty()
          ? Optional.of(temporary)
          : Optional.empty();
    }
  }

  /** A child's user id, own copies of the runner and classes, and its working folder. */
  record Staged(UserLease user, Path runner, Path classes, Path work) {
    int id() {
      return user.id();
    }
  }

  /**
   * Stages {@code folder} for a child running as a fresh user id: the folder stays root's and only
   * the child's group may enter it; the copies in it are root's and read-only; {@code work}, where
   * the socket goes, may be entered but not written by the child.
   */
  Staged stage(Path folder, Path runner, Path classes) throws IOException {
    UserLease user = leaseId();
    try {
      int id = user.id();
      Files.setAttribute(folder, "unix:gid", id);
      Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-x---"));
      Path runnerCopy = folder.resolve(Files.isDirectory(runner) ? "runner" : "runner.jar");
      copyTree(runner, runnerCopy);
      Path classesCopy = folder.resolve("classes");
      copyTree(classes, classesCopy);
      Path work = Files.createDirectory(folder.resolve("work"));
      Files.setAttribute(work, "unix:gid", id);
      Files.setPosixFilePermissions(work, PosixFilePermissions.fromString("rwxr-x---"));
      return new Staged(user, runnerCopy, classesCopy, work);
    } catch (IOException | RuntimeException e) {
      user.close();
      throw e;
    }
  }

  @Override
  public Launch prepare(Path folder, Path runner, Path classes, ChildBudget budget)
      throws IOException {
    Staged staged = stage(folder, runner, classes);
    ChildResources bounds;
    try {
      bounds = resources.start(budget, true);
    } catch (IOException | RuntimeException e) {
      staged.user().close();
      throw e;
    }
    List<String> prefix = new ArrayList<>(bounds.prefix());
    temporary.ifPresent(t -> prefix.addAll(t.words(budget)));
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
        Path.of("/tmp"),
        Optional.of(staged.user()),
        bounds);
  }

  /**
   * With a private /tmp, the child's own folder cannot be in the machine's /tmp, which the child no
   * longer sees: it goes under /run (or /var/lib), in a folder only root may list.
   */
  @Override
  public Path childFolders() throws IOException {
    if (temporary.isEmpty()) {
      return Sandbox.super.childFolders();
    }
    Path base = Files.isDirectory(Path.of("/run")) ? Path.of("/run") : Path.of("/var/lib");
    Path folders = base.resolve("cnn-grader");
    Files.createDirectories(folders);
    Files.setPosixFilePermissions(folders, PosixFilePermissions.fromString("rwx--x--x"));
    return folders;
  }

  @Override
  public ResourceBound temporarySpace(ChildBudget budget) {
    return temporary.isPresent()
        ? ResourceBound.held(
            ResourceBound.Resource.TEMPORARY_SPACE,
            budget.temporaryMebibytes()
                + " MiB and "
                + budget.temporaryFiles()
                + " files per child: a private tmpfs in place of "
                + String.join(", ", SharedFolders.paths()))
        : ResourceBound.unbounded(
            ResourceBound.Resource.TEMPORARY_SPACE,
            "no mount namespace here (it needs CAP_SYS_ADMIN): the child writes into the"
                + " machine's "
                + String.join(", ", SharedFolders.paths())
                + ", each file up to 64 MiB, deleted after it");
  }

  @Override
  public void socketBound(Launch launch) throws IOException {
    handOver(launch);
  }

  /** Connecting to a socket needs write access to it: the socket becomes the child's user's. */
  static void handOver(Launch launch) throws IOException {
    Files.setAttribute(launch.socket(), "unix:uid", launch.user().orElseThrow().id());
  }

  @Override
  public void reap(Process child, Launch launch) {
    // A child with a private tmpfs wrote nothing into the machine's shared folders.
    reapUser(child, launch, temporary.isEmpty());
  }

  /**
   * Kills every process of the launch's user, then, where the child could write to the folders
   * every user may write to, deletes what it left there, so that nothing a child wrote there
   * (hidden inputs, say) reaches a later child.
   */
  static void reapUser(Process child, Launch launch, boolean sharedFoldersWritable) {
    UserLease user = launch.user().orElseThrow();
    // A control group seen empty has outlived every process of the child, and none of the user's
    // is elsewhere: the id was free when lent. Else every process of the machine is looked at.
    boolean noneLeft = launch.resources().killAll();
    if (!noneLeft) {
      Reaper.killTree(child.toHandle());
      Reaper.killUser(user.id());
    }
    if (sharedFoldersWritable) {
      SharedFolders.deleteOwnedBy(user.id());
    } else if (noneLeft) {
      // Where the child could write to shared folders, the id goes back to the block, as before:
      // a file the sweep missed would then reach a later child only after a thousand others.
      user.vacated();
    }
    launch.close();
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
