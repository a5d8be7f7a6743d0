package org.cnngrader.batch;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.cnngrader.intake.RefusedInputException;

/**
 * One grader run at a time per output folder: two runs writing the same submission folders and
 * gradebook would each resume from the other's half-done work.
 */
public final class RunLock implements AutoCloseable {

  static final String FILE = ".grader.lock";

  private final FileChannel channel;
  private final FileLock lock;

  private RunLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Locks {@code outFolder}.
   *
   * @throws RefusedInputException when another run holds it, or it cannot be locked
   */
  public static RunLock acquire(Path outFolder) {
    Path file = outFolder.resolve(FILE);
    FileChannel channel;
    try {
      channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    } catch (IOException e) {
      throw new RefusedInputException("cannot lock the output folder " + outFolder + ": " + e);
    }
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (IOException | OverlappingFileLockException e) {
      lock = null;
    }
    if (lock == null) {
      closeQuietly(channel);
      throw new RefusedInputException(
          "another grader run is writing to "
              + outFolder
              + "; wait for it to end, or choose another output folder");
    }
    return new RunLock(channel, lock);
  }

  @Override
  public void close() {
    try {
      lock.release();
    } catch (IOException e) {
      // Closing the channel below releases it too.
    }
    closeQuietly(channel);
  }

  private static void closeQuietly(FileChannel channel) {
    try {
      channel.close();
    } catch (IOException e) {
      // The lock dies with the process anyway.
    }
  }
}
