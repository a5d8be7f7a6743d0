package org.cnngrader.gradescope;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.cnngrader.archive.ReproducibleZip;
import org.cnngrader.archive.ZipItem;
import org.cnngrader.bundle.GraderFiles;

/**
 * A Gradescope autograder zip: {@code setup.sh} and {@code run_autograder} at its root, then the
 * grader's files ({@link GraderFiles}).
 *
 * <p>Gradescope unpacks it into {@code /autograder/source}; {@code run_autograder} runs the grader
 * from there.
 */
public final class AutograderBundle {

  public static final String SETUP = "setup.sh";
  public static final String RUN = "run_autograder";
  public static final String LIBRARIES = GraderFiles.LIBRARIES;
  public static final String FIXTURES = GraderFiles.FIXTURES;
  public static final String POLICY = GraderFiles.POLICY;

  private final List<ZipItem> files;

  private AutograderBundle(List<ZipItem> files) {
    this.files = List.copyOf(files);
  }

  /** The bundle of the running grader's libraries and the fixtures below {@code fixturesRoot}. */
  public static AutograderBundle of(Path fixturesRoot) {
    List<ZipItem> files = new ArrayList<>();
    files.add(GraderFiles.script(AutograderBundle.class, SETUP));
    files.add(GraderFiles.script(AutograderBundle.class, RUN));
    files.addAll(GraderFiles.of(fixturesRoot));
    return new AutograderBundle(files);
  }

  /** Where a fixtures root keeps the static check's policy. */
  public static Path policyFile(Path fixturesRoot) {
    return GraderFiles.policyFile(fixturesRoot);
  }

  /** The paths of the bundle's files, in the zip's order. */
  public List<String> paths() {
    return files.stream().map(ZipItem::path).toList();
  }

  /** Writes the zip, replacing {@code zip} whole; its folder must exist. */
  public void writeTo(Path zip) throws IOException {
    ReproducibleZip.write(files, zip);
  }
}
