package org.cnngrader.runner;

import java.io.DataOutputStream;
import java.io.IOException;

/**
 * The child's side of the socket. Every message is written whole under one lock, so that a student
 * thread calling System.exit while the runner is replying cannot interleave the exit report with a
 * half-written result.
 */
final class Replies {

  /** Writes one message's fields. */
  interface Message {
    void writeTo(DataOutputStream out) throws IOException;
  }

  private final DataOutputStream out;
  private final Object lock;
  private final boolean flush;

  Replies(DataOutputStream out) {
    this(out, new Object(), true);
  }

  private Replies(DataOutputStream out, Object lock, boolean flush) {
    this.out = out;
    this.lock = lock;
    this.flush = flush;
  }

  /**
   * The same stream and lock, whose messages wait in the buffer until a message is sent through a
   * flushing one: for a reply that another follows at once (the parent then wakes once for both).
   */
  Replies unflushed() {
    return new Replies(out, lock, false);
  }

  void send(Message message) throws IOException {
    synchronized (lock) {
      message.writeTo(out);
      if (flush) {
        out.flush();
      }
    }
  }
}
