package org.cnngrader.intake;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * A SHA-256 of what a student handed in: a zip's bytes, or every file of a folder with its path
 * relative to the folder, in path order. Symbolic links count by where they point (they are never
 * followed), so that a submission that changes in any way is graded again.
 */
public final class SubmissionContent {

  private SubmissionContent() {}

  /**
   * The hash of the submission at {@code submission}, a folder or an archive.
   *
   * @throws IOException when a file of the submission cannot be read
   */
  public static String sha256(Path submission) throws IOException {
    MessageDigest digest = newDigest();
    // One buffer for every file: a fresh one per file cost more than hashing a source file.
    byte[] buffer = new byte[16 * 1024];
    if (Files.isDirectory(submission, LinkOption.NOFOLLOW_LINKS)) {
      List<Path> paths;
      try (Stream<Path> walk = Files.walk(submission)) {
        paths = walk.filter(p -> !p.equals(submission)).sorted().toList();
      } catch (UncheckedIOException e) {
        throw e.getCause();
      }
      for (Path path : paths) {
        String relative = submission.relativize(path).toString().replace('\\', '/');
        if (Files.isSymbolicLink(path)) {
          entry(digest, "link", relative, Files.readSymbolicLink(path).toString());
        } else if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
          entry(digest, "folder", relative, "");
        } else {
          entry(digest, "file", relative, Long.toString(Files.size(path)));
          addBytes(digest, path, buffer);
        }
      }
    } else {
      entry(digest, "archive", "", Long.toString(Files.size(submission)));
      addBytes(digest, submission, buffer);
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  private static void entry(MessageDigest digest, String kind, String path, String detail) {
    // Separated by NUL, which no path holds, so that no two entries can read alike.
    digest.update((kind + '\0' + path + '\0' + detail + '\0').getBytes(StandardCharsets.UTF_8));
  }

  private static void addBytes(MessageDigest digest, Path file, byte[] buffer) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
        digest.update(buffer, 0, read);
      }
    }
  }

  private static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }
}
