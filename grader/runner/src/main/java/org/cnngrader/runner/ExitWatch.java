package org.cnngrader.runner;

import java.io.IOException;
import java.util.Arrays;
import java.util.Map;

/**
 * A shutdown hook that tells the parent, before the JVM ends, that student code called System.exit
 * during a call, and from where. Runtime.halt skips shutdown hooks: the parent then sees the JVM
 * end without this report and says so from the exit status alone.
 */
final class ExitWatch {

  private final Replies replies;
  private volatile Member current;

  ExitWatch(Replies replies) {
    this.replies = replies;
  }

  void install() {
    Runtime.getRuntime().addShutdownHook(new Thread(this::report, "exit-watch"));
  }

  /** Marks the member now being called, or none (null) between calls. */
  void calling(Member member) {
    current = member;
  }

  private void report() {
    Member member = current;
    if (member == null) {
      return;
    }
    StackTraceElement[] frames = exitCallers();
    try {
      replies.send(
          out -> {
            out.writeByte(Protocol.EXITED);
            Wire.writeString(out, member.key());
            CaseCall.writeFrames(out, CaseCall.studentFrames(frames));
          });
    } catch (IOException e) {
      // The parent is gone; it will learn of the exit from the exit status.
    }
  }

  /** The frames that called Runtime.exit (which System.exit calls), in whichever thread did. */
  private static StackTraceElement[] exitCallers() {
    for (Map.Entry<Thread, StackTraceElement[]> entry : Thread.getAllStackTraces().entrySet()) {
      StackTraceElement[] stack = entry.getValue();
      for (int i = 0; i < stack.length; i++) {
        if (stack[i].getClassName().equals("java.lang.Runtime")
            && stack[i].getMethodName().equals("exit")) {
          int first = i + 1;
          if (first < stack.length && stack[first].getClassName().equals("java.lang.System")) {
            first++;
          }
          return Arrays.copyOfRange(stack, first, stack.length);
        }
      }
    }
    return new StackTraceElement[0];
  }
}
