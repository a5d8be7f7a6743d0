package org.cnngrader.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import org.cnngrader.files.FileTrees;

/**
 * The folders every user may write to. A child running as a user of its own can leave files there
 * for a later child to read; once the child is gone, whatever its user owns there is deleted.
 */
final class SharedFolders {

  private static final List<Path> WRITABLE_BY_ALL =
      List.of(Path.of("/tmp"), Path.of("/var/tmp"), Path.of("/dev/shm"), Path.of("/run/lock"));

  private SharedFolders() {}

  /** The shared folders this machine has. */
  static List<String> paths() {
    return WRITABLE_BY_ALL.stream().filter(Files::isDirectory).map(Path::toString).toList();
  }

  /**
   * Deletes every entry directly in a shared folder that belongs to {@code uid}, with its contents.
   */
  static void deleteOwnedBy(int uid) {
    for (Path folder : WRITABLE_BY_ALL) {
      if (!Files.isDirectory(folder)) {
        continue;
      }
      try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
        for (Path entry : entries) {
          if (ownedBy(entry, uid)) {
            FileTrees.deleteQuietly(entry);
          }
        }
      } catch (IOException | UncheckedIOException e) {
        // An unreadable shared folder holds nothing this user could have left there either.
      }
    }
  }

  private static boolean ownedBy(Path path, int uid) {
    try {
      return Integer.valueOf(uid)
          .equals(Files.getAttribute(path, "unix:uid", LinkOption.NOFOLLOW_LINKS));
    } catch (IOException | UnsupportedOperationException e) {
      return false;
    }
  }
}
