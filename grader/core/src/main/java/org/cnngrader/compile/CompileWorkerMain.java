package org.cnngrader.compile;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The compile worker: a JVM of its own that compiles one submission after another for the grader,
 * so that sources which make javac take all its memory or time cost only this JVM, which the grader
 * then kills or replaces. It ends when the grader closes its stdin.
 */
public final class CompileWorkerMain {

  private CompileWorkerMain() {}

  public static void main(String[] args) throws IOException {
    DataInputStream in = new DataInputStream(new BufferedInputStream(System.in));
    DataOutputStream out =
        new DataOutputStream(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out)));
    // Only frames go to stdout: whatever else is printed goes to stderr.
    System.setOut(System.err);
    while (true) {
      CompileProtocol.Request request;
      try {
        request = CompileProtocol.readRequest(in);
      } catch (EOFException e) {
        return;
      }
      Javac.Run run =
          Javac.compile(
              request.files(),
              request.classes(),
              request.origins(),
              (step, origin) -> {
                try {
                  CompileProtocol.writeStep(out, step, origin);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
      CompileProtocol.writeResult(out, run);
      if (run.spent()) {
        return;
      }
    }
  }
}
