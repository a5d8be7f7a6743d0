package org.cnngrader.sandbox;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;

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
  private boolean released;

  UserLease(int id, FileChannel channel, FileLock lock, Runnable afterRelease) {
    this.id = id;
    this.channel = channel;
    this.lock = lock;
    this.afterRelease = afterRelease;
  }

  /** The user (and group) id the child runs as. */
  public int id() {
    return id;
  }

  /** Gives the id back; call once the child's processes are gone and its files deleted. */
  @Override
  public synchronized void close() {
    if (released) {
      return;
    }
    released = true;
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
