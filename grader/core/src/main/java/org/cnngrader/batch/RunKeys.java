package org.cnngrader.batch;

import java.io.IOException;
import org.cnngrader.fixture.FixtureSet;
import org.cnngrader.grading.GradingOptions;
import org.cnngrader.intake.CanvasDownload;
import org.cnngrader.intake.SubmissionContent;
import org.cnngrader.intake.Submissions;
import org.cnngrader.report.GradingKey;
import org.cnngrader.sandbox.SandboxLevel;

/**
 * The keys a run grades under: this grader build, these fixtures, these options and this sandbox
 * level (which decides, say, whether a submission may reach the network), with each submission's
 * content.
 */
public final class RunKeys {

  private final String build;
  private final String fixtures;
  private final String options;

  /** Keys for a run of the grader build whose fingerprint is {@code build}. */
  public RunKeys(String build, FixtureSet fixtures, GradingOptions options, SandboxLevel level) {
    this.build = build;
    this.fixtures = fixtures.sha256();
    this.options =
        GradingKey.sha256(options.gradeChangingSettings() + "sandbox=" + level.key() + "\n");
  }

  /**
   * The key of {@code submission} as it was handed in: its folder, its zip, or its files of a
   * Canvas download (each file's name and content); a submission that came rejected is keyed by
   * why.
   *
   * @throws IOException when the submission cannot be read
   */
  GradingKey keyOf(Submissions.Submission submission) throws IOException {
    Submissions.Source source = submission.source();
    String content;
    if (submission.rejected() != null) {
      content = GradingKey.sha256("rejected\0" + submission.rejected());
    } else if (source instanceof Submissions.Source.Folder folder) {
      content = SubmissionContent.sha256(folder.path());
    } else if (source instanceof Submissions.Source.Zip zip) {
      content = SubmissionContent.sha256(zip.path());
    } else if (source instanceof Submissions.Source.CanvasFiles files) {
      StringBuilder each = new StringBuilder();
      for (CanvasDownload.File file : files.files()) {
        each.append(file.path().getFileName())
            .append('\0')
            .append(SubmissionContent.sha256(file.path()))
            .append('\n');
      }
      content = GradingKey.sha256(each.toString());
    } else {
      content = GradingKey.sha256("absent\0" + source.where());
    }
    return new GradingKey(content, build, fixtures, options);
  }

  /** The key of a submission that cannot be read: it stands for the reason. */
  GradingKey unreadable(String reason) {
    return new GradingKey(GradingKey.sha256("unreadable\0" + reason), build, fixtures, options);
  }
}
