package org.cnngrader.files;

/**
 * What in a submission is not the student's code, decided in one place for intake (is there a .java
 * file at all?), the compiler (which files are compiled) and anything else that walks a submission.
 */
public final class SubmissionFiles {

  private SubmissionFiles() {}

  /**
   * Hidden files and folders (VCS data, editor settings) and macOS archive metadata: never part of
   * what was handed in, wherever they are.
   */
  public static boolean isHidden(String name) {
    return name.startsWith(".") || name.equals("__MACOSX");
  }

  /**
   * Folders inside a submission that are skipped whole: hidden ones, and build output ({@code
   * target/}, {@code build/}), which holds copies of the student's code, not the code itself.
   */
  public static boolean isSkippedFolder(String name) {
    return isHidden(name) || name.equals("target") || name.equals("build");
  }
}
