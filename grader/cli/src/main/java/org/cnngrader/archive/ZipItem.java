package org.cnngrader.archive;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * One file of a zip: where it goes, whether it is a script to run (unzipped executable), and how to
 * read it.
 *
 * @param path relative, with {@code /} between folders, no empty, "." or ".." parts
 */
public record ZipItem(String path, boolean executable, Contents contents) {

  /** Opens the file's bytes afresh each time. */
  @FunctionalInterface
  public interface Contents {
    InputStream open() throws IOException;
  }

  public ZipItem {
    if (path.isEmpty()
        || path.startsWith("/")
        || path.endsWith("/")
        || path.contains("\\")
        || ("/" + path + "/").contains("//")
        || ("/" + path + "/").contains("/../")
        || ("/" + path + "/").contains("/./")) {
      throw new IllegalArgumentException(
          "a zip path must be relative, with / between folders, found [" + path + "]");
    }
  }

  /** A file that is not a script, of these bytes (not copied: the caller hands them over). */
  public static ZipItem of(String path, byte[] bytes) {
    return new ZipItem(path, false, () -> new ByteArrayInputStream(bytes));
  }
}
