package org.cnngrader.cli;

import java.io.IOException;
import java.nio.file.Path;
import org.cnngrader.fixture.FixtureSet;
import org.cnngrader.grading.GradingOptions;
import org.cnngrader.intake.SubmissionContent;
import org.cnngrader.report.GradingKey;
import org.cnngrader.sandbox.SandboxLevel;

/**
 * The keys a run grades under: this grader build, these fixtures, these options and this sandbox
 * level (which decides, say, whether a submission may reach the network), with each submission's
 * content.
 */
final class RunKeys {

  private final String build;
  private final String fixtures;
  private final String options;

  RunKeys(FixtureSet fixtures, GradingOptions options, SandboxLevel level) {
    this.build = ShardRecord.currentBuild();
    this.fixtures = fixtures.sha256();
    this.options =
        GradingKey.sha256(options.gradeChangingSettings() + "sandbox=" + level.key() + "\n");
  }

  /**
   * The key of the submission handed in at {@code input} (a folder or a zip).
   *
   * @throws IOException when the submission cannot be read
   */
  GradingKey keyOf(Path input) throws IOException {
    return new GradingKey(SubmissionContent.sha256(input), build, fixtures, options);
  }

  /** The key of a submission that cannot be read: it stands for the reason. */
  GradingKey unreadable(String reason) {
    return new GradingKey(GradingKey.sha256("unreadable\0" + reason), build, fixtures, options);
  }
}
