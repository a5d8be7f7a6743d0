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

  Replies(DataOutputStream out) {
    this.out = out;
  }

  synchronized void send(Message message) throws IOException {
    message.writeTo(out);
    out.flush();
  }
}
