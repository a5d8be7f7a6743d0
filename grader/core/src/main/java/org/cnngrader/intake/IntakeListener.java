package org.cnngrader.intake;

/**
 * Hears what an intake leaves out or cannot use (a file that is not a submission, an LMS's metadata
 * that cannot be read, a submission rejected with its reason, two submissions whose ids clash): the
 * run goes on without it, and the TA is told; and how each export, download or batch folder was
 * read.
 */
@FunctionalInterface
public interface IntakeListener {

  /** One warning, a whole sentence that names the file or submission. */
  void warning(String message);

  /** How an export, a download or a --batch folder was read; nothing by default. */
  default void read(Reading reading) {}
}
