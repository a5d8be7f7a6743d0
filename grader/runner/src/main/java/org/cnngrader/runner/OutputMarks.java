package org.cnngrader.runner;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Writes the parent's section marks to the child's stdout and stderr, straight to the file
 * descriptors: System.out and System.err flush every print to them (they are auto-flushing), and
 * student code may have replaced them. Each mark is one write of a few bytes, which a pipe never
 * interleaves with another writer's bytes.
 */
final class OutputMarks {

  // Never closed: closing them would close the child's stdout and stderr.
  private final FileOutputStream rawOut = new FileOutputStream(FileDescriptor.out);
  private final FileOutputStream rawErr = new FileOutputStream(FileDescriptor.err);

  void write(String mark) {
    byte[] bytes = mark.getBytes(StandardCharsets.UTF_8);
    writeQuietly(rawOut, bytes);
    writeQuietly(rawErr, bytes);
  }

  /** A stream the student's code closed takes no mark; the parent then stops waiting for one. */
  private static void writeQuietly(FileOutputStream stream, byte[] bytes) {
    try {
      stream.write(bytes);
    } catch (IOException e) {
      // The parent moves on to the next section when its short wait for the mark ends.
    }
  }
}
