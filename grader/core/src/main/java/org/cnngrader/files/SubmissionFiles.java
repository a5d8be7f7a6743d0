package org.cnngrader.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * What in a submission is not the student's code, decided in one place for intake (is there a .java
 * file at all?), the compiler (which files are compiled) and anything else that walks a submission.
 */
public final class SubmissionFiles {

  private SubmissionFiles() {}

  /**
   * Hidden files and folders (VCS data, editor settings) and macOS archive metadata: never part of
   * what was handed in, wherever they are.
   */
  public static boolean isHidden(String name) {
    return name.startsWith(".") || name.equals("__MACOSX");
  }

  /**
   * Folders inside a submission that are skipped whole: hidden ones, and build output ({@code
   * target/}, {@code build/}), which holds copies of the student's code, not the code itself.
   */
  public static boolean isSkippedFolder(String name) {
    return isHidden(name) || name.equals("target") || name.equals("build");
  }

  /**
   * Where a submission's sources lie: its shallowest {@code src/main/java} folder outside skipped
   * folders (a Maven project, the handout's among them, whose other folders hold the pre-submit
   * check's copy of the grader), else the submission's own folder.
   */
  public static Path sourceRoot(Path submission) throws IOException {
    try (Stream<Path> paths = Files.walk(submission)) {
      return paths
          .filter(Files::isDirectory)
          .filter(p -> p.endsWith(Path.of("src", "main", "java")))
          .filter(p -> !isSkipped(submission.relativize(p)))
          .min(Comparator.comparingInt(Path::getNameCount).thenComparing(Path::toString))
          .orElse(submission);
    }
  }

  /**
   * Whether a path relative to a submission lies in a skipped folder or is hidden itself: not part
   * of what the student handed in.
   */
  public static boolean isSkipped(Path relative) {
    for (Path part : relative) {
      if (isSkippedFolder(part.toString())) {
        return true;
      }
    }
    return false;
  }
}
