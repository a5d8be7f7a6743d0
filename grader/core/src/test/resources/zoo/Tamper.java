package cnn;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Set;

/**
 * What a submission that wants a better grade does: look for results files wherever it can and
 * write full marks into them. System folders and caches are skipped only to keep the search short.
 */
final class Tamper {

  private static final Set<String> SKIPPED =
      Set.of("/proc", "/sys", "/dev", "/usr", "/lib", "/lib32", "/lib64", "/bin", "/sbin",
          "/boot", "/etc", "/var", "/snap", "/run");
  private static final Set<String> SKIPPED_NAMES =
      Set.of(".m2", ".git", "node_modules", ".cache", ".npm", ".rustup", ".cargo", ".pyenv");

  private Tamper() {}

  static void rewriteResults(String onlyBelow) {
    long deadline = System.nanoTime() + 4_000_000_000L;
    try {
      Files.walkFileTree(
          Path.of("/"),
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
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException | RuntimeException e) {
      System.out.println("search stopped: " + e);
    }
    System.out.println("tamper search done");
  }
}
