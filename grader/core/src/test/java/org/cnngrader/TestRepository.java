package org.cnngrader;

import java.nio.file.Files;
import java.nio.file.Path;
import org.cnngrader.fixture.FixtureFiles;
import org.cnngrader.fixture.FixtureSet;

/** The repository the tests run in: its fixtures and example submissions. */
public final class TestRepository {

  private static FixtureSet fixtures;

  private TestRepository() {}

  public static Path root() {
    String root = System.getProperty("grader.repository");
    if (root == null) {
      throw new IllegalStateException("the build must set grader.repository");
    }
    Path path = Path.of(root).toAbsolutePath().normalize();
    if (!Files.isDirectory(path.resolve("fixtures"))) {
      throw new IllegalStateException("no fixtures/ in " + path);
    }
    return path;
  }

  public static Path fixturesRoot() {
    return root().resolve("fixtures");
  }

  public static Path example(String name) {
    return fixturesRoot().resolve("submissions").resolve(name);
  }

  public static synchronized FixtureSet fixtures() {
    if (fixtures == null) {
      fixtures = FixtureFiles.load(fixturesRoot());
    }
    return fixtures;
  }
}
