package org.cnngrader.files;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Deleting a folder and everything below it, deepest first, and copying one. Links are never
 * followed when deleting: a link planted in a submission's or a child's folder is deleted, not what
 * it points to.
 */
public final class FileTrees {

  private FileTrees() {}

  /**
   * Deletes {@code root} (a folder, file or link) and all below it; nothing when it does not exist.
   *
   * @throws IOException on the first path that cannot be deleted
   */
  public static void delete(Path root) throws IOException {
    if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    List<Path> paths;
    try (Stream<Path> walk = Files.walk(root)) {
      paths = walk.sorted(Comparator.reverseOrder()).toList();
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    for (Path path : paths) {
      Files.deleteIfExists(path);
    }
  }

  /**
   * The same, as far as it goes: what cannot be deleted stays, for temporary files whose leftovers
   * change no grade and are left to the system's cleaning.
   */
  public static void deleteQuietly(Path root) {
    if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    List<Path> paths;
    try (Stream<Path> walk = Files.walk(root)) {
      paths = walk.sorted(Comparator.reverseOrder()).toList();
    } catch (IOException | UncheckedIOException e) {
      paths = List.of(root);
    }
    for (Path path : paths) {
      try {
        Files.deleteIfExists(path);
      } catch (IOException e) {
        // Left behind: see above.
      }
    }
  }

  /**
   * Copies {@code source} and everything below it to {@code target}, replacing files that are
   * there.
   *
   * @throws IOException on the first path that cannot be read or written
   */
  public static void copy(Path source, Path target) throws IOException {
    try (Stream<Path> paths = Files.walk(source)) {
      for (Path path : (Iterable<Path>) paths::iterator) {
        Path copy = target.resolve(source.relativize(path).toString());
        if (Files.isDirectory(path)) {
          Files.createDirectories(copy);
        } else {
          Files.copy(path, copy, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }
}
