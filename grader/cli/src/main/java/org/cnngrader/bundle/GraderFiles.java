package org.cnngrader.bundle;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.cnngrader.archive.ZipItem;
import org.cnngrader.fixture.Assignment;
import org.cnngrader.fixture.FixtureFiles;
import org.cnngrader.layer.Layer;
import org.cnngrader.layers.Layers;
import org.cnngrader.layers.described.FileLayer;

/**
 * What a grader that runs on another system (Gradescope, PrairieLearn) carries: the running
 * grader's libraries below {@code lib/}, and below {@code fixtures/} the fixtures, public and
 * hidden, with the assignment and the static check's policy. No ND4J (grading reads the expected
 * results from the fixtures) and no example submissions.
 */
public final class GraderFiles {

  public static final String LIBRARIES = "lib";
  public static final String FIXTURES = "fixtures";

  /** The static check's policy, beside the fixture folders, as {@code grade} looks for it. */
  public static final String POLICY = "policy.json";

  private GraderFiles() {}

  /** The libraries, then the fixtures below {@code fixturesRoot}. */
  public static List<ZipItem> of(Path fixturesRoot) {
    List<ZipItem> files = new ArrayList<>(GradingLibraries.files(LIBRARIES));
    Path policy = policyFile(fixturesRoot);
    if (Files.isRegularFile(policy)) {
      files.add(data(fixturesRoot, policy));
    }
    Path assignment = fixturesRoot.resolve(Assignment.FILE);
    if (Files.isRegularFile(assignment)) {
      files.add(data(fixturesRoot, assignment));
    }
    List<FixtureFiles.Located> fixtures = FixtureFiles.all(fixturesRoot);
    for (Layer layer : Layers.in(fixturesRoot).all()) {
      if (layer instanceof FileLayer described) {
        files.add(data(fixturesRoot, described.file()));
      }
      for (FixtureFiles.Located fixture : fixtures) {
        if (fixture.layer() == layer) {
          files.add(data(fixturesRoot, fixture.file()));
        }
      }
    }
    return files;
  }

  /** Where a fixtures root keeps the static check's policy. */
  public static Path policyFile(Path fixturesRoot) {
    return fixturesRoot.resolve(POLICY);
  }

  /** A script of {@code owner}'s resources, executable once unpacked. */
  public static ZipItem script(Class<?> owner, String name) {
    return new ZipItem(
        name,
        true,
        () -> {
          InputStream in = owner.getResourceAsStream(name);
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
