package org.cnngrader.gradescope;

import java.io.IOException;
import java.io.InputStream;

/**
 * One file of the bundle: where it goes in the zip, whether it is a script Gradescope runs, and how
 * to read it.
 *
 * @param path relative, with {@code /} between folders
 */
record BundleFile(String path, boolean executable, Contents contents) {

  /** Opens the file's bytes afresh each time. */
  @FunctionalInterface
  interface Contents {
    InputStream open() throws IOException;
  }

  BundleFile {
    if (path.isEmpty()
        || path.startsWith("/")
        || path.endsWith("/")
        || path.contains("\\")
        || ("/" + path + "/").contains("/../")
        || ("/" + path + "/").contains("/./")) {
      throw new IllegalArgumentException(
          "a bundle path must be relative, with / between folders, found [" + path + "]");
    }
  }
}
