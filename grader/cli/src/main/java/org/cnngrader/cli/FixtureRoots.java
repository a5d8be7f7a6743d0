package org.cnngrader.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.cnngrader.bundle.GraderFiles;
import org.cnngrader.fixture.Assignment;
import org.cnngrader.fixture.FixtureFiles;
import org.cnngrader.fixture.FixtureSet;
import org.cnngrader.inspect.Policy;
import org.cnngrader.layers.Layers;

/** Where the fixtures are: the folder an option named, else the grader's own fixtures/. */
final class FixtureRoots {

  private FixtureRoots() {}

  static Path orDefault(Path option, Path home) {
    return option != null ? option : home.resolve("fixtures");
  }

  /** The same, which must be a folder: a usage error otherwise. */
  static Path existing(Path option, Path home) {
    Path root = orDefault(option, home);
    if (!Files.isDirectory(root)) {
      throw new UsageException("fixtures folder not found: " + root);
    }
    return root;
  }

  /**
   * The fixtures of a root a bundle carries, loaded with its policy: what the platform would refuse
   * at the first submission (a broken fixture or policy) is refused before the bundle is written.
   */
  static FixtureSet loadedForBundle(Path root) {
    FixtureSet fixtures = FixtureFiles.load(root);
    Path policy = GraderFiles.policyFile(root);
    if (Files.isRegularFile(policy)) {
      Policy.load(policy);
    }
    return fixtures;
  }

  /**
   * The root's assignment, or, when {@code --layers} named some ({@code ids} not null), those of
   * its layers: of the assignment, or any other the root describes. A layer it lacks is a usage
   * error.
   */
  static Assignment assignment(Path root, List<String> ids) {
    Assignment assignment = Assignment.of(root);
    if (ids == null) {
      return assignment;
    }
    try {
      return assignment.only(ids, Layers.in(root));
    } catch (IllegalArgumentException e) {
      throw new UsageException("--layers: " + e.getMessage());
    }
  }
}
