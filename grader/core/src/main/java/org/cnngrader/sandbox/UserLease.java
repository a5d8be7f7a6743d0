package org.cnngrader.sandbox;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.util.function.Consumer;

/**
 * A user id lent to one child: while the lease is held, no other child of any grader on this
 * machine is given the id. Every process of a child's id is killed when the child ends, so two
 * children sharing one would kill each other.
 */
public final class UserLease implements AutoCloseable {

  private final int id;
  private final FileChannel channel;
  private final FileLock lock;
  private final Runnable afterRelease;
  private final Consumer<UserLease> keeper;
  private boolean released;
  private boolean vacated;

  /**
   * @param afterRelease run once the lock is given back
   * @param keeper takes the id, still locked, when it is closed {@link #vacated}
   */
  UserLease(
      int id,
      FileChannel channel,
      FileLock lock,
      Runnable afterRelease,
      Consumer<UserLease> keeper) {
    this.id = id;
    this.channel = channel;
    this.lock = lock;
    this.afterRelease = afterRelease;
    this.keeper = keeper;
  }

  /** The user (and group) id the child runs as. */
  public int id() {
    return id;
  }

  /**
   * Says that no process runs as the id any more, as a control group seen empty shows (no process
   * can leave its group), and that the child left no files where a later child could read them:
   * {@link #close} then keeps the id, still locked, for this grader's next child, which needs no
   * look through every process of the machine.
   */
  public synchronized void vacated() {
    vacated = true;
  }

  /**
   * Gives the id back, or keeps it for this grader's next child when {@link #vacated}; call once
   * the child's processes are gone and its files deleted.
   */
  @Override
  public synchronized void close() {
    if (released) {
      return;
    }
    released = true;
    if (vacated) {
      keeper.accept(new UserLease(id, channel, lock, afterRelease, keeper));
      return;
    }
    try {
      lock.release();
    } catch (IOException e) {
      // Closing the channel releases the lock too.
    }
    try {
      channel.close();
    } catch (IOException e) {
      // The lock goes with the grader's process at the latest.
    }
    afterRelease.run();
  }
}
