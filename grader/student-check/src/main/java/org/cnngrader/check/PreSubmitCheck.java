package org.cnngrader.check;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.cnngrader.feedback.FeedbackWriter;
import org.cnngrader.feedback.FirstLine;
import org.cnngrader.feedback.LikelyMistakes;
import org.cnngrader.fixture.FixtureFiles;
import org.cnngrader.fixture.FixtureSet;
import org.cnngrader.fixture.Visibility;
import org.cnngrader.grading.GradingOptions;
import org.cnngrader.grading.PartResult;
import org.cnngrader.grading.Points;
import org.cnngrader.grading.SubmissionGrader;
import org.cnngrader.grading.SubmissionResult;
import org.cnngrader.layer.Layer;
import org.cnngrader.sandbox.Sandboxes;
import org.junit.jupiter.api.DynamicTest;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/**
 * The student's pre-submit check: grades the student's compiled classes on the public fixtures with
 * the grader's own code (child JVM, comparison, feedback), and turns every graded part into a JUnit
 * test, which passes, or fails with the part and what is wrong in a few words (the feedback in full
 * is printed as the test runs). The parts that fail on a member not written yet ({@link Unwritten})
 * fail one test, the first of them, and the others are skipped (JUnit-aborted): they cost their
 * points all the same. The student's build calls it from a tiny test class:
 *
 * <pre>
 * class PreSubmitCheckTest {
 *   static final PreSubmitCheck CHECK = PreSubmitCheck.configuredByBuild();
 *   &#64;TestFactory Stream&lt;DynamicTest&gt; publicCases() { return CHECK.tests(); }
 *   &#64;AfterAll static void score() {
 *     CHECK.printScore(System.out);
 *     CHECK.writeClassroomResults();
 *   }
 * }
 * </pre>
 */
public final class PreSubmitCheck {

  /** The system property naming the folder of the student's compiled classes. */
  public static final String CLASSES_PROPERTY = "grader.classes";

  /** The system property naming the fixtures root (every layer's public/ folder is used). */
  public static final String FIXTURES_PROPERTY = "grader.fixtures";

  /**
   * The system property naming the folder of the points per layer for GitHub Classroom's grading
   * reporter; none are written when it is not set.
   */
  public static final String CLASSROOM_PROPERTY = "grader.classroom";

  private final Path classes;
  private final Path fixturesRoot;
  private final GradingOptions options;
  private final PrintStream progress;
  private final Optional<Path> classroom;
  private SubmissionResult result;
  private Map<Unwritten, List<PartResult>> unwrittenParts;
  private final Set<String> toldMistakes = ConcurrentHashMap.newKeySet();

  private static final String LIKELY_MISTAKE = "Likely mistake: ";
  private static final String SAME_MISTAKE = "Likely mistake: the same as above.";

  /** How many characters of what is wrong Maven repeats in its list of failures, at most. */
  static final int FAILURE_REASON_LENGTH = 100;

  /**
   * @param progress where each part reports PASS or FAIL as its test runs
   */
  public PreSubmitCheck(
      Path classes, Path fixturesRoot, GradingOptions options, PrintStream progress) {
    this(classes, fixturesRoot, options, progress, Optional.empty());
  }

  /**
   * @param classroom where {@link #writeClassroomResults()} writes a file per layer, if anywhere
   */
  public PreSubmitCheck(
      Path classes,
      Path fixturesRoot,
      GradingOptions options,
      PrintStream progress,
      Optional<Path> classroom) {
    this.classes = classes;
    this.fixturesRoot = fixturesRoot;
    this.options = options;
    this.progress = progress;
    this.classroom = classroom;
  }

  /** The check as the student's build configures it, through system properties. */
  public static PreSubmitCheck configuredByBuild() {
    return new PreSubmitCheck(
        Path.of(required(CLASSES_PROPERTY)),
        Path.of(required(FIXTURES_PROPERTY)),
        GradingOptions.DEFAULT,
        System.out,
        Optional.ofNullable(System.getProperty(CLASSROOM_PROPERTY))
            .filter(folder -> !folder.isBlank())
            .map(Path::of));
  }

  private static String required(String property) {
    String value = System.getProperty(property);
    if (value == null || value.isBlank()) {
      throw new IllegalStateException(
          "the build must set the system property " + property + " (see the template's pom.xml)");
    }
    return value;
  }

  /** One test per graded part of every public case, named "case: part (points)". */
  public Stream<DynamicTest> tests() {
    return result().parts().stream()
        .map(part -> DynamicTest.dynamicTest(displayName(part), () -> check(part)));
  }

  private static String displayName(PartResult part) {
    return FirstLine.nameWithPoints(part);
  }

  private void check(PartResult part) {
    Optional<Unwritten> unwritten = Unwritten.behind(part);
    PartResult failsFor = unwritten.map(u -> unwrittenParts().get(u).get(0)).orElse(part);
    if (!failsFor.equals(part)) {
      // The part fails for a member that an earlier test has failed for already: it costs its
      // points all the same, and one line, here and nowhere after the score.
      progress.println("  FAIL  " + displayName(part) + ": " + unwritten.get().words());
      TestAbortedException skipped =
          new TestAbortedException(skippedMessage(unwritten.get(), failsFor));
      skipped.setStackTrace(new StackTraceElement[0]);
      throw skipped;
    }
    // Surefire's summary names dynamic tests by index only, so each part also reports itself by
    // name.
    progress.println((part.passed() ? "  PASS  " : "  FAIL  ") + displayName(part));
    if (!part.passed()) {
      // Each known mistake is told once, where it first costs a part; the summary counts the rest.
      boolean told =
          !LikelyMistakes.diagnosisOf(part)
              .map(d -> toldMistakes.add(d.setting().layer().id() + "/" + d.mistake().key()))
              .orElse(true);
      FeedbackWriter.describe(part)
          .lines()
          .map(line -> told && line.startsWith(LIKELY_MISTAKE) ? SAME_MISTAKE : line)
          .forEach(line -> progress.println("        " + line));
      // A failing part fails its JUnit test, so that `mvn test` exits non-zero and an IDE marks it.
      // The grader's stack is of no use to a student: the feedback above is the whole story.
      AssertionFailedError failed =
          new AssertionFailedError(
              unwritten.isPresent()
                  ? unwrittenMessage(
                      unwritten.get(), part, unwrittenParts().get(unwritten.get()).size())
                  : failureMessage(part));
      failed.setStackTrace(new StackTraceElement[0]);
      throw failed;
    }
  }

  /**
   * The one line that Maven lists again for a failing part after the score, under an index rather
   * than the part's name: the part and what is wrong with it, in a few words; the check printed the
   * whole feedback above.
   */
  static String failureMessage(PartResult part) {
    return part.name() + ": " + FirstLine.gist(part, FAILURE_REASON_LENGTH);
  }

  /**
   * The message of the one test that fails for a member not written yet, the first part that needs
   * it: the member in a few words ("cnn.MaxPool2d.forward is not implemented yet", "cnn.MaxPool2d
   * was not handed in") and how many more parts it costs, whose tests are skipped.
   */
  static String unwrittenMessage(Unwritten unwritten, PartResult first, int parts) {
    String what =
        unwritten.stub() ? unwritten.words() : FirstLine.gist(first, FAILURE_REASON_LENGTH);
    return parts == 1
        ? what
        : what
            + String.format(
                "; %d more %s it, skipped", parts - 1, parts == 2 ? "part needs" : "parts need");
  }

  /** Why a part's test is skipped: the member it needs, and where the check failed for it. */
  static String skippedMessage(Unwritten unwritten, PartResult failsFor) {
    return unwritten.words() + ": counted once, where " + failsFor.name() + " fails";
  }

  /** The parts that fail on each member not written yet, in the order of their tests. */
  private synchronized Map<Unwritten, List<PartResult>> unwrittenParts() {
    if (unwrittenParts == null) {
      Map<Unwritten, List<PartResult>> parts = new LinkedHashMap<>();
      for (PartResult part : result().parts()) {
        Unwritten.behind(part)
            .ifPresent(u -> parts.computeIfAbsent(u, k -> new ArrayList<>()).add(part));
      }
      unwrittenParts = parts;
    }
    return unwrittenParts;
  }

  /**
   * The closing summary: the points of each layer, each likely mistake once with the parts and
   * points it cost, and last the score in all, the last line the check prints.
   */
  public String scoreLine() {
    SubmissionResult graded = result();
    StringBuilder text = new StringBuilder();
    Map<Layer, List<PartResult>> byLayer = new LinkedHashMap<>();
    graded
        .parts()
        .forEach(p -> byLayer.computeIfAbsent(p.fixture().layer(), l -> new ArrayList<>()).add(p));
    byLayer.forEach(
        (layer, parts) ->
            text.append(
                String.format(
                    "  %s (%s): %s of %s points%n",
                    layer.title(),
                    layer.id(),
                    FeedbackWriter.points(
                        Points.total(parts.stream().mapToDouble(PartResult::score))),
                    FeedbackWriter.points(
                        parts.stream().mapToDouble(PartResult::maxScore).sum()))));
    List<LikelyMistakes.Tally> mistakes = LikelyMistakes.of(graded.parts());
    if (!mistakes.isEmpty()) {
      text.append("Likely mistakes, each once (what each cost):\n");
      for (LikelyMistakes.Tally tally : mistakes) {
        text.append(
            String.format(
                "  - %s: %d %s, %s %s%n",
                tally.words(),
                tally.parts(),
                tally.parts() == 1 ? "part" : "parts",
                FeedbackWriter.points(tally.points()),
                tally.points() == 1 ? "point" : "points"));
      }
    }
    text.append("These are the public cases only: your final grade also uses hidden cases.\n");
    text.append(
        String.format(
            "Pre-submit check: %s of %s points on the %d public cases (%d of %d parts passed).",
            FeedbackWriter.points(graded.score()),
            FeedbackWriter.points(graded.maxScore()),
            graded.parts().stream()
                .map(p -> p.fixture().layer().id() + "/" + p.fixture().name())
                .distinct()
                .count(),
            graded.passedParts(),
            graded.parts().size()));
    return text.toString();
  }

  public void printScore(PrintStream out) {
    SubmissionResult graded = result();
    if (!graded.output().isEmpty()) {
      out.println(
          FeedbackWriter.summary(graded).lines().skip(1).reduce("", (a, b) -> a + b + "\n"));
    }
    out.println();
    out.println("=".repeat(78));
    out.println(scoreLine());
  }

  /**
   * Writes the points of each layer for GitHub Classroom's grading reporter, one file per layer
   * ({@code conv2d.json}, ...) in the folder the build names; nothing when it names none.
   */
  public void writeClassroomResults() {
    if (classroom.isPresent()) {
      try {
        ClassroomResults.write(result(), classroom.get());
      } catch (IOException e) {
        throw new UncheckedIOException(
            "cannot write the points per layer to " + classroom.get(), e);
      }
    }
  }

  /** Grades on first use, once: every test of the run reads the same result. */
  public synchronized SubmissionResult result() {
    if (result == null) {
      if (!Files.isDirectory(classes)) {
        throw new IllegalStateException("compiled classes not found in " + classes);
      }
      FixtureSet fixtures = FixtureFiles.load(fixturesRoot, Visibility.PUBLIC);
      try {
        result =
            new SubmissionGrader(fixtures, options, Sandboxes.processOnly())
                .gradeCompiled("your submission", classes);
      } catch (IOException e) {
        throw new UncheckedIOException("the check could not start a JVM for your code", e);
      }
    }
    return result;
  }
}
