package org.cnngrader.cli;

import org.cnngrader.report.GraderBuild;
import picocli.CommandLine;

/** Prints the grader's version and the JDK it runs on. */
final class VersionProvider implements CommandLine.IVersionProvider {
  @Override
  public String[] getVersion() {
    return new String[] {
      "grader " + GraderBuild.version(),
      "JDK " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"
    };
  }
}
