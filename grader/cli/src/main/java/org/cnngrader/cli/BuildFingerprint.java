package org.cnngrader.cli;

import org.cnngrader.grading.SubmissionGrader;
import org.cnngrader.report.GraderBuild;
import org.cnngrader.runner.ChildMain;

/** The grader build running now, by its code: the command line, the core and the runner. */
final class BuildFingerprint {

  private BuildFingerprint() {}

  static String current() {
    return GraderBuild.fingerprint(GraderMain.class, SubmissionGrader.class, ChildMain.class);
  }
}
