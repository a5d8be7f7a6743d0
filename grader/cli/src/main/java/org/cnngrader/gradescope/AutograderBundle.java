package org.cnngrader.gradescope;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.cnngrader.archive.ReproducibleZip;
import org.cnngrader.archive.ZipItem;
import org.cnngrader.fixture.Assignment;
import org.cnngrader.fixture.FixtureFiles;

/**
 * A Gradescope autograder zip: {@code setup.sh} and {@code run_autograder} at its root, the
 * grader's libraries below {@code lib/}, and below {@code fixtures/} the fixtures, public and
 * hidden, with the static check's policy. Nothing else: no ND4J (grading reads the expected results
 * from the fixtures) and no example submissions.
 *
 * <p>Gradescope unpacks it into {@code /autograder/source}; {@code run_autograder} runs the grader
 * from there.
 */
public final class AutograderBundle {

  public static final String SETUP = "setup.sh";
  public static final String RUN = "run_autograder";
  public static final String LIBRARIES = "lib";
  public static final String FIXTURES = "fixtures";

  /** The static check's policy, beside the fixture folders, as {@code grade} looks for it. */
  public static final String POLICY = "policy.json";

  private final List<ZipItem> files;

  private AutograderBundle(List<ZipItem> files) {
    this.files = List.copyOf(files);
  }

  /** The bundle of the running grader's libraries and the fixtures below {@code fixturesRoot}. */
  public static AutograderBundle of(Path fixturesRoot) {
    List<ZipItem> files = new ArrayList<>();
    files.add(script(SETUP));
    files.add(script(RUN));
    files.addAll(GradingLibraries.files(LIBRARIES));
    Path policy = policyFile(fixturesRoot);
    if (Files.isRegularFile(policy)) {
      files.add(data(fixturesRoot, policy));
    }
    Path assignment = fixturesRoot.resolve(Assignment.FILE);
    if (Files.isRegularFile(assignment)) {
      files.add(data(fixturesRoot, assignment));
    }
    for (FixtureFiles.Located fixture : FixtureFiles.all(fixturesRoot)) {
      files.add(data(fixturesRoot, fixture.file()));
    }
    return new AutograderBundle(files);
  }

  /** Where a fixtures root keeps the static check's policy. */
  public static Path policyFile(Path fixturesRoot) {
    return fixturesRoot.resolve(POLICY);
  }

  /** The paths of the bundle's files, in the zip's order. */
  public List<String> paths() {
    return files.stream().map(ZipItem::path).toList();
  }

  /** Writes the zip, replacing {@code zip} whole; its folder must exist. */
  public void writeTo(Path zip) throws IOException {
    ReproducibleZip.write(files, zip);
  }

  private static ZipItem script(String name) {
    return new ZipItem(
        name,
        true,
        () -> {
          InputStream in = AutograderBundle.class.getResourceAsStream(name);
          if (in == null) {
            throw new IOException("the grader's jar lacks its resource " + name);
          }
          return in;
        });
  }

  private static ZipItem data(Path fixturesRoot, Path file) {
    String relative = fixturesRoot.relativize(file).toString().replace('\\', '/');
    return new ZipItem(FIXTURES + "/" + relative, false, () -> Files.newInputStream(file));
  }
}
