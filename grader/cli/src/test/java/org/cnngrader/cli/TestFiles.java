package org.cnngrader.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Files the command-line tests arrange. */
final class TestFiles {

  private TestFiles() {}

  /** Copies {@code source}'s tree to {@code target}. */
  static void copyTree(Path source, Path target) throws IOException {
    List<Path> paths;
    try (Stream<Path> walk = Files.walk(source)) {
      paths = walk.toList();
    }
    for (Path path : paths) {
      Path copy = target.resolve(source.relativize(path).toString());
      if (Files.isDirectory(path)) {
        Files.createDirectories(copy);
      } else {
        Files.copy(path, copy);
      }
    }
  }
}
