package org.cnngrader.sandbox;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The block of user ids children run as, lent one per child. Graders running side by side on one
 * machine (the shards of a CI job, say) share the block: a lock file per id, held while the id is
 * lent, tells them apart. The kernel drops a lock when its grader ends, however it ends, so no id
 * stays taken by a grader that is gone.
 */
final class UserIds {

  /** The first id of the block, a range unlikely to belong to anyone on a grading machine. */
  static final int FIRST_ID = 50_000;

  static final int IDS = 1_000;

  private static final Path MACHINE_LOCKS = Path.of("/run/cnn-grader-users");

  /**
   * Ids lent by this JVM. Locks are the process's, and closing any channel to a file drops every
   * lock the process holds on it: this JVM opens a lock file only for an id it has not lent.
   */
  private static final Set<Path> LENT_HERE = ConcurrentHashMap.newKeySet();

  private final Path locks;
  private volatile boolean folderReady;

  /**
   * Ids this grader still holds whose last child was seen to leave no process and no file ({@link
   * UserLease#vacated}): lent first, without a look through every process of the machine (which
   * cost the grader ~2 ms a child). Never more than the children that ran at once.
   */
  private final Queue<UserLease> vacant = new ConcurrentLinkedQueue<>();

  /**
   * Where the round starts: random, so that runs one after the other rarely hand a child the id an
   * earlier run's child had.
   */
  private final AtomicInteger next;

  UserIds(Path locks, int start) {
    this.locks = locks;
    this.next = new AtomicInteger(start);
  }

  /** The machine's block, its lock files in a folder only root may enter. */
  static UserIds ofThisMachine() {
    Path base = Files.isDirectory(MACHINE_LOCKS.getParent()) ? MACHINE_LOCKS : fallback();
    return new UserIds(base, new SecureRandom().nextInt(IDS));
  }

  private static Path fallback() {
    return Path.of("/var/lib/cnn-grader-users");
  }

  /**
   * Lends an id that no other child holds and no process runs as: one this grader kept vacant, else
   * one taken round-robin from the block.
   *
   * @throws IOException when the lock folder cannot be made, or every id is taken
   */
  UserLease lease() throws IOException {
    UserLease kept = vacant.poll();
    if (kept != null) {
      return kept;
    }
    if (!folderReady) {
      Files.createDirectories(locks);
      Files.setPosixFilePermissions(locks, PosixFilePermissions.fromString("rwx------"));
      folderReady = true;
    }
    for (int attempt = 0; attempt < IDS; attempt++) {
      int id = FIRST_ID + Math.floorMod(next.getAndIncrement(), IDS);
      Path file = locks.resolve(id + ".lock");
      if (!LENT_HERE.add(file)) {
        continue;
      }
      UserLease lease = tryLease(id, file);
      if (lease == null) {
        LENT_HERE.remove(file);
        continue;
      }
      if (!Reaper.userHasProcesses(id)) {
        return lease;
      }
      // Someone else's process, or one a killed grader left: the id is not free.
      lease.close();
    }
    throw new IOException(
        "every user id from "
            + FIRST_ID
            + " to "
            + (FIRST_ID + IDS - 1)
            + " is lent to a child or has processes");
  }

  /** A lease of {@code id} when no other process holds its lock {@code file}, else null. */
  private UserLease tryLease(int id, Path file) throws IOException {
    FileChannel channel;
    try {
      channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    } catch (IOException | RuntimeException e) {
      LENT_HERE.remove(file);
      throw e;
    }
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (IOException | RuntimeException e) {
      channel.close();
      LENT_HERE.remove(file);
      throw e;
    }
    if (lock == null) {
      channel.close();
      return null;
    }
    return new UserLease(id, channel, lock, () -> LENT_HERE.remove(file), vacant::add);
  }
}
