package org.cnngrader.similarity;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What a comparison found: every pair of the submissions compared, from the most similar; the
 * submissions left out, each with why; and the code of each, for a TA to read the matches in.
 *
 * @param pairs every pair, the most similar first (ties by id)
 * @param leftOut submission id to why it was not compared (no .java file, code JPlag cannot parse)
 * @param sources submission id to its files (path relative to the submission, / between names) and
 *     their text
 */
public record Compared(
    List<Pair> pairs,
    Map<String, String> leftOut,
    Map<String, Map<String, String>> sources,
    JplagReport jplagReport) {

  /** JPlag's own report, for its viewer: written on demand, as it is large. */
  public interface JplagReport {
    void writeTo(Path zip) throws IOException;
  }

  public Compared {
    pairs = List.copyOf(pairs);
    leftOut = Map.copyOf(leftOut);
    sources = Map.copyOf(sources);
  }
}
