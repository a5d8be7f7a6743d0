package org.cnngrader.lms;

import java.util.List;

/**
 * A grade file written for an LMS's import, and what the TA must hear about it.
 *
 * @param csv the file's text
 * @param students how many students it grades
 * @param unmatched the students (or submissions) it holds no row for, each with why
 * @param byNameOnly the students it can match by name only: the LMS imports them only if the name
 *     is exactly as the LMS has it
 */
public record LmsFile(String csv, int students, List<String> unmatched, List<String> byNameOnly) {

  public LmsFile {
    unmatched = List.copyOf(unmatched);
    byNameOnly = List.copyOf(byNameOnly);
  }
}
