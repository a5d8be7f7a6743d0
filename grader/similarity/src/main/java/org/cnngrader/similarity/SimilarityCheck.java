package org.cnngrader.similarity;

import de.jplag.JPlag;
import de.jplag.JPlagComparison;
import de.jplag.JPlagResult;
import de.jplag.Match;
import de.jplag.Submission;
import de.jplag.Token;
import de.jplag.exceptions.ExitException;
import de.jplag.options.JPlagOptions;
import de.jplag.reporting.reportobject.ReportObjectFactory;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.cnngrader.files.FileTrees;
import org.cnngrader.files.SubmissionFiles;

/**
 * Compares every pair of submissions with JPlag, on this machine: their .java files (hidden and
 * build folders aside, as the compiler takes them) are copied into a work folder, what the base
 * code holds (the handout every student was given) is left out of the matches, and each pair's
 * similarity and matched regions are read back.
 */
public final class SimilarityCheck {

  /** JPlag's recommended shortest match for Java, in tokens. */
  public static final int MINIMUM_TOKEN_MATCH = 9;

  /** Files larger than this are no student's hand-written code: left out of the comparison. */
  static final long MAX_FILE_BYTES = 1024 * 1024;

  private SimilarityCheck() {}

  /**
   * Compares {@code submissions} (id to folder), with the .java files below {@code baseCode} as
   * base code when given; {@code work} is an empty folder to stage the files in.
   *
   * @throws IOException when a file cannot be copied
   * @throws IllegalArgumentException when fewer than two submissions hold code to compare
   */
  public static Compared compare(Map<String, Path> submissions, Optional<Path> baseCode, Path work)
      throws IOException {
    Path root = Files.createDirectories(work.resolve("submissions"));
    Map<String, String> leftOut = new TreeMap<>();
    Map<String, Map<String, String>> sources = new TreeMap<>();
    for (Map.Entry<String, Path> submission : submissions.entrySet()) {
      Map<String, String> files = javaFiles(submission.getValue());
      if (files.isEmpty()) {
        leftOut.put(submission.getKey(), "no .java file");
        continue;
      }
      stage(files, root.resolve(submission.getKey()));
      sources.put(submission.getKey(), files);
    }
    if (sources.size() < 2) {
      throw new IllegalArgumentException(
          "fewer than two submissions hold .java files to compare ("
              + sources.size()
              + " of "
              + submissions.size()
              + ")");
    }
    JPlagOptions options =
        new JPlagOptions(new de.jplag.java.Language(), Set.of(root.toFile()), Set.of())
            .withMinimumTokenMatch(MINIMUM_TOKEN_MATCH)
            .withMaximumNumberOfComparisons(JPlagOptions.SHOW_ALL_COMPARISONS);
    if (baseCode.isPresent()) {
      Map<String, String> base = javaFiles(baseCode.get());
      if (!base.isEmpty()) {
        Path baseFolder = work.resolve("base");
        stage(base, baseFolder);
        options = options.withBaseCodeSubmissionDirectory(baseFolder.toFile());
      }
    }
    JPlagResult result;
    try {
      result = new JPlag(options).run();
    } catch (ExitException e) {
      throw new IllegalArgumentException("JPlag could not compare the submissions: " + e, e);
    }
    for (Submission invalid : result.getSubmissions().getInvalidSubmissions()) {
      leftOut.put(invalid.getName(), "JPlag could not parse its code");
      sources.remove(invalid.getName());
    }
    List<Pair> pairs = new ArrayList<>();
    for (JPlagComparison comparison : result.getAllComparisons()) {
      pairs.add(pair(comparison, root));
    }
    pairs.sort(
        Comparator.comparingDouble(Pair::similarity)
            .reversed()
            .thenComparing(Pair::first)
            .thenComparing(Pair::second));
    JPlagResult kept = result;
    return new Compared(
        pairs,
        leftOut,
        sources,
        zip -> new ReportObjectFactory().createAndSaveReport(kept, withoutZip(zip)));
  }

  /** JPlag adds ".zip" to the name it is given. */
  private static String withoutZip(Path zip) {
    String name = zip.toAbsolutePath().toString();
    return name.endsWith(".zip") ? name.substring(0, name.length() - 4) : name;
  }

  private static Pair pair(JPlagComparison comparison, Path root) {
    String first = comparison.firstSubmission().getName();
    String second = comparison.secondSubmission().getName();
    boolean swap = first.compareTo(second) > 0;
    List<Token> firstTokens = comparison.firstSubmission().getTokenList();
    List<Token> secondTokens = comparison.secondSubmission().getTokenList();
    List<Region> regions = new ArrayList<>();
    for (Match match : comparison.matches()) {
      List<Token> a = firstTokens.subList(match.startOfFirst(), match.endOfFirst() + 1);
      List<Token> b = secondTokens.subList(match.startOfSecond(), match.endOfSecond() + 1);
      Region region =
          new Region(
              file(a.get(0), root, first),
              lines(a),
              file(b.get(0), root, second),
              lines(b),
              match.length());
      regions.add(swap ? region.swapped() : region);
    }
    regions.sort(
        Comparator.comparing(Region::firstFile).thenComparingInt(r -> r.firstLines().first()));
    return new Pair(
        swap ? second : first,
        swap ? first : second,
        Math.min(1, Math.max(0, comparison.similarity())),
        comparison.getNumberOfMatchedTokens(),
        regions);
  }

  private static String file(Token token, Path root, String submission) {
    return root.resolve(submission)
        .relativize(token.getFile().toPath().toAbsolutePath())
        .toString()
        .replace('\\', '/');
  }

  /** The lines a run of tokens spans; a token of no line (a file's end) counts none. */
  private static Region.Lines lines(List<Token> tokens) {
    int first = Integer.MAX_VALUE;
    int last = 0;
    for (Token token : tokens) {
      if (token.getLine() > 0) {
        first = Math.min(first, token.getLine());
        last = Math.max(last, token.getLine());
      }
    }
    return first > last ? new Region.Lines(1, 1) : new Region.Lines(first, last);
  }

  /**
   * The .java files of {@code submission} the compiler would take, path relative to its source root
   * to text: no link is followed, hidden and build folders are skipped, and a file too large to be
   * hand-written is left out.
   */
  static Map<String, String> javaFiles(Path submission) throws IOException {
    Map<String, String> files = new TreeMap<>();
    if (!Files.isDirectory(submission, LinkOption.NOFOLLOW_LINKS)) {
      return files;
    }
    Path folder = SubmissionFiles.sourceRoot(submission);
    List<Path> paths;
    try (Stream<Path> walk = Files.walk(folder)) {
      paths =
          walk.filter(path -> Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS))
              .filter(path -> path.getFileName().toString().endsWith(".java"))
              .filter(path -> !path.getFileName().toString().equals("module-info.java"))
              .filter(path -> !SubmissionFiles.isSkipped(folder.relativize(path)))
              .sorted()
              .toList();
    }
    for (Path path : paths) {
      if (Files.size(path) <= MAX_FILE_BYTES) {
        files.put(folder.relativize(path).toString().replace('\\', '/'), text(path));
      }
    }
    return files;
  }

  /** The file's text: UTF-8, else Latin-1 (every byte is a character there). */
  private static String text(Path path) throws IOException {
    byte[] bytes = Files.readAllBytes(path);
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .decode(java.nio.ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      return new String(bytes, StandardCharsets.ISO_8859_1);
    }
  }

  private static void stage(Map<String, String> files, Path folder) throws IOException {
    FileTrees.delete(folder);
    for (Map.Entry<String, String> file : new LinkedHashMap<>(files).entrySet()) {
      Path target = folder.resolve(file.getKey());
      Files.createDirectories(target.getParent());
      Files.writeString(target, file.getValue());
    }
  }
}
