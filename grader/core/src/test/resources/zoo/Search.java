package cnn;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Set;
import java.util.function.Predicate;

/**
 * What a cheating submission does: look everywhere it can for the grader's fixture files, which hold
 * the expected answers, or for results files to write full marks into. System folders and caches
 * are skipped only to keep the search short.
 */
final class Search {

  private static final Set<String> SKIPPED =
      Set.of("/proc", "/sys", "/dev", "/usr", "/lib", "/lib32", "/lib64", "/bin", "/sbin",
          "/boot", "/etc", "/var", "/snap", "/run");
  private static final Set<String> SKIPPED_NAMES =
      Set.of(".m2", ".git", "node_modules", ".cache", ".npm", ".rustup", ".cargo", ".pyenv");

  private Search() {}

  /**
   * Prints "FOUND path" for every fixture file it can read (three at most), looking first where
   * the grader's files are guessed to be, as an attacker who knows the course's repository would.
   */
  static void report(String guess) {
    int[] found = {0};
    Predicate<Path> look =
        file -> {
          if (file.toString().endsWith(".json") && looksLikeFixture(file)) {
            System.out.println("FOUND " + file);
            found[0]++;
          }
          return found[0] < 3;
        };
    int files = walk(Path.of(guess), look);
    if (found[0] < 3) {
      files += walk(Path.of("/"), look);
    }
    System.out.println("searched " + files + " files");
  }

  /** Writes full marks into every results.json below {@code onlyBelow} that it can write. */
  static void rewriteResults(String onlyBelow) {
    walk(
        Path.of("/"),
        file -> {
          // Only below the test's own folder: the rest of the machine is not the test's to harm.
          if (file.getFileName().toString().equals("results.json")
              && file.toString().startsWith(onlyBelow)) {
            try {
              Files.writeString(file, "{\"score\": 1000}");
              System.out.println("TAMPERED " + file);
            } catch (IOException e) {
              System.out.println("refused " + file);
            }
          }
          return true;
        });
    System.out.println("tamper search done");
  }

  /**
   * Visits every readable file below {@code start} for at most 4 s while {@code visit} says to go
   * on; counts them.
   */
  private static int walk(Path start, Predicate<Path> visit) {
    long deadline = System.nanoTime() + 4_000_000_000L;
    int[] files = {0};
    try {
      Files.walkFileTree(
          start,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
              if (SKIPPED.contains(dir.toString())
                  || (dir.getFileName() != null
                      && SKIPPED_NAMES.contains(dir.getFileName().toString()))) {
                return FileVisitResult.SKIP_SUBTREE;
              }
              return System.nanoTime() > deadline
                  ? FileVisitResult.TERMINATE
                  : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
              files[0]++;
              return visit.test(file) ? FileVisitResult.CONTINUE : FileVisitResult.TERMINATE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException | RuntimeException e) {
      System.out.println("search stopped: " + e);
    }
    return files[0];
  }

  private static boolean looksLikeFixture(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      String start = new String(in.readNBytes(4096), StandardCharsets.UTF_8);
      return start.contains("\"inputs\"") && start.contains("\"stride\"");
    } catch (IOException e) {
      return false;
    }
  }
}
