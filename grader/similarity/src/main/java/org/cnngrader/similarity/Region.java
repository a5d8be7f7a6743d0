package org.cnngrader.similarity;

/**
 * One stretch of code that two submissions share: a file of each and the lines it spans there.
 *
 * @param firstFile the file of the first submission, relative to its folder, with / between names
 * @param firstLines the lines of the first file, from 1
 * @param secondFile the same of the second submission
 * @param secondLines the lines of the second file
 * @param tokens how many of JPlag's tokens the match spans
 */
public record Region(
    String firstFile, Lines firstLines, String secondFile, Lines secondLines, int tokens) {

  /** The same region seen from the second submission. */
  public Region swapped() {
    return new Region(
        /* firstFile= */ secondFile,
        /* firstLines= */ secondLines,
        /* secondFile= */ firstFile,
        /* secondLines= */ firstLines,
        tokens);
  }

  /** Lines {@code first} to {@code last}, both counted, from 1. */
  public record Lines(int first, int last) {
    public Lines {
      if (first < 1 || last < first) {
        throw new IllegalArgumentException("lines " + first + " to " + last);
      }
    }

    public boolean contains(int line) {
      return line >= first && line <= last;
    }

    @Override
    public String toString() {
      return first == last ? "line " + first : "lines " + first + "-" + last;
    }
  }
}
