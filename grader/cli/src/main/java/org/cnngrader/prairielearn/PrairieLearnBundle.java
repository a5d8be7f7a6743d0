package org.cnngrader.prairielearn;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.cnngrader.archive.ZipItem;
import org.cnngrader.bundle.GraderFiles;
import org.cnngrader.files.FileTrees;

/**
 * The folder a PrairieLearn course keeps in {@code serverFilesCourse/}: the executable {@code run}
 * (a question's external-grading entrypoint) and the grader's files ({@link GraderFiles}). {@code
 * run} grades {@code $PL_GRADE_ROOT/student} and writes {@code
 * $PL_GRADE_ROOT/results/results.json}.
 */
public final class PrairieLearnBundle {

  public static final String RUN = "run";

  private final List<ZipItem> files;

  private PrairieLearnBundle(List<ZipItem> files) {
    this.files = List.copyOf(files);
  }

  public static PrairieLearnBundle of(Path fixturesRoot) {
    List<ZipItem> files = new ArrayList<>();
    files.add(GraderFiles.script(PrairieLearnBundle.class, RUN));
    files.addAll(GraderFiles.of(fixturesRoot));
    return new PrairieLearnBundle(files);
  }

  private static boolean holdsFiles(Path folder) throws IOException {
    try (Stream<Path> children = Files.list(folder)) {
      return children.findAny().isPresent();
    }
  }

  public List<String> paths() {
    return files.stream().map(ZipItem::path).toList();
  }

  /**
   * Writes the folder {@code folder}, replacing an earlier bundle whole: the files are written into
   * a sibling folder first, which then takes its place.
   *
   * @throws IllegalArgumentException when {@code folder} holds files but no bundle ({@code run})
   */
  public void writeTo(Path folder) throws IOException {
    Path target = folder.toAbsolutePath().normalize();
    if (Files.isDirectory(target)
        && !Files.isRegularFile(target.resolve(RUN))
        && holdsFiles(target)) {
      throw new IllegalArgumentException(
          target + " holds files but no grader bundle (no " + RUN + "): choose an empty folder");
    }
    Path parent = Files.createDirectories(target.getParent());
    Path fresh = Files.createTempDirectory(parent, "." + target.getFileName() + "-");
    try {
      for (ZipItem item : files) {
        Path file = fresh.resolve(item.path());
        Files.createDirectories(file.getParent());
        try (InputStream in = item.contents().open()) {
          Files.copy(in, file);
        }
        if (item.executable()
            && Files.getFileStore(file).supportsFileAttributeView(PosixFileAttributeView.class)) {
          Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
      }
      FileTrees.delete(target);
      Files.move(fresh, target);
    } finally {
      FileTrees.deleteQuietly(fresh);
    }
  }
}
