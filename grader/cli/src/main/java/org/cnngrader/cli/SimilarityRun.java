package org.cnngrader.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.cnngrader.files.FileTrees;
import org.cnngrader.intake.Submissions;
import org.cnngrader.report.SummaryTable;
import org.cnngrader.similarity.Compared;
import org.cnngrader.similarity.DolosExport;
import org.cnngrader.similarity.Pair;
import org.cnngrader.similarity.SimilarityCheck;
import org.cnngrader.similarity.SimilarityCsv;
import org.cnngrader.similarity.SimilarityPage;

/**
 * One similarity check of submissions taken in, its reports written into a folder, and a few lines
 * on stdout: what {@code grader similarity} and {@code grade --similarity} share.
 */
final class SimilarityRun {

  /** The JPlag report's file, for JPlag's viewer. */
  static final String JPLAG_REPORT = "jplag-report.zip";

  /** How many of the most similar pairs stdout names. */
  private static final int NAMED = 5;

  private SimilarityRun() {}

  /**
   * Compares the submissions {@code takenIn} (those intake rejected aside) and writes
   * similarity.csv, similarity.html, JPlag's report and the Dolos zip into {@code out}.
   *
   * @throws IllegalArgumentException when fewer than two hold code to compare
   */
  static Compared run(
      List<Submissions.Submission> takenIn,
      Optional<Path> base,
      double threshold,
      Path out,
      PrintWriter stdout)
      throws IOException {
    Map<String, Path> folders = new TreeMap<>();
    for (Submissions.Submission submission : takenIn) {
      if (submission.rejected() == null && submission.folder() != null) {
        folders.put(submission.id(), submission.folder());
      }
    }
    Path work = Files.createTempDirectory("cnn-grader-similarity-");
    try {
      Compared compared = SimilarityCheck.compare(folders, base, work);
      Files.createDirectories(out);
      Files.writeString(out.resolve(SimilarityCsv.FILE), SimilarityCsv.render(compared.pairs()));
      Files.writeString(
          out.resolve(SimilarityPage.FILE), SimilarityPage.render(compared, threshold));
      compared.jplagReport().writeTo(out.resolve(JPLAG_REPORT));
      DolosExport.write(compared.sources(), out.resolve(DolosExport.FILE));
      report(stdout, compared, threshold, out.toAbsolutePath().normalize());
      return compared;
    } finally {
      FileTrees.deleteQuietly(work);
    }
  }

  private static void report(PrintWriter stdout, Compared compared, double threshold, Path out) {
    List<Pair> above = compared.pairs().stream().filter(p -> p.similarity() >= threshold).toList();
    stdout.printf(
        Locale.ROOT,
        "Compared %d submissions (%d pairs) with JPlag, the handout's code left out: %d %s %s or"
            + " more of their code%s%n",
        compared.sources().size(),
        compared.pairs().size(),
        above.size(),
        above.size() == 1 ? "pair shares" : "pairs share",
        percent(threshold),
        above.isEmpty() ? "." : ":");
    for (Pair pair : above.subList(0, Math.min(NAMED, above.size()))) {
      stdout.println(
          SummaryTable.printable(
              String.format(
                  Locale.ROOT,
                  "  %s and %s: %s (%d tokens matched)",
                  pair.first(),
                  pair.second(),
                  percent(pair.similarity()),
                  pair.matchedTokens())));
    }
    if (above.size() > NAMED) {
      stdout.println("  and " + (above.size() - NAMED) + " more");
    }
    compared
        .leftOut()
        .forEach(
            (id, why) ->
                stdout.println(SummaryTable.printable("  not compared: " + id + ": " + why)));
    stdout.println(
        "Similarity: "
            + out.resolve(SimilarityPage.FILE)
            + " (side by side), "
            + out.resolve(SimilarityCsv.FILE)
            + "; for JPlag's viewer "
            + out.resolve(JPLAG_REPORT)
            + ", for Dolos "
            + out.resolve(DolosExport.FILE));
  }

  static String percent(double fraction) {
    return String.format(Locale.ROOT, "%.0f%%", 100 * fraction);
  }
}
