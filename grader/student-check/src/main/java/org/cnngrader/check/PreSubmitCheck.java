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
import java.util.stream.Stream;
import org.cnngrader.feedback.FeedbackWriter;
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

/**
 * The student's pre-submit check: grades the student's compiled classes on the public fixtures with
 * the grader's own code (child JVM, comparison, feedback), and turns every graded part into a JUnit
 * test that fails with the part's feedback. The student's build calls it from a tiny test class:
 *
 * <pre>
 * class PreSubmitCheckTest {
 *   static final PreSubmitCheck CHECK = PreSubmitCheck.configuredByBuild();
 *   &#64;TestFactory Stream&lt;DynamicTest&gt; publicCases() { return CHECK.tests(); }
 *   &#64;AfterAll static void score() { CHECK.printScore(System.out); }
 * }
 * </pre>
 */
public final class PreSubmitCheck {

  /** The system property naming the folder of the student's compiled classes. */
  public static final String CLASSES_PROPERTY = "grader.classes";

  /** The system property naming the fixtures root (every layer's public/ folder is used). */
  public static final String FIXTURES_PROPERTY = "grader.fixtures";

  private final Path classes;
  private final Path fixturesRoot;
  private final GradingOptions options;
  private final PrintStream progress;
  private SubmissionResult result;

  /**
   * @param progress where each part reports PASS or FAIL as its test runs
   */
  public PreSubmitCheck(
      Path classes, Path fixturesRoot, GradingOptions options, PrintStream progress) {
    this.classes = classes;
    this.fixturesRoot = fixturesRoot;
    this.options = options;
    this.progress = progress;
  }

  /** The check as the student's build configures it, through system properties. */
  public static PreSubmitCheck configuredByBuild() {
    return new PreSubmitCheck(
        Path.of(required(CLASSES_PROPERTY)),
        Path.of(required(FIXTURES_PROPERTY)),
        GradingOptions.DEFAULT,
        System.out);
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
    String points = FeedbackWriter.points(part.maxScore());
    return part.name() + " (" + points + (part.maxScore() == 1 ? " point)" : " points)");
  }

  private void check(PartResult part) {
    // Surefire's summary names dynamic tests by index only, so each part also reports itself by
    // name.
    progress.println((part.passed() ? "  PASS  " : "  FAIL  ") + displayName(part));
    if (!part.passed()) {
      FeedbackWriter.describe(part).lines().forEach(line -> progress.println("        " + line));
      // One line: Maven repeats every failure after the run, and the details are printed above.
      String reason = FeedbackWriter.describe(part).lines().findFirst().orElse("failed");
      AssertionFailedError failure = new AssertionFailedError(displayName(part) + ": " + reason);
      // The grader's stack is of no use to a student: the message is the whole story.
      failure.setStackTrace(new StackTraceElement[0]);
      throw failure;
    }
  }

  /** The closing score lines, per layer and in all, with what the student must not misread. */
  public String scoreLine() {
    SubmissionResult graded = result();
    StringBuilder text = new StringBuilder();
    text.append(
        String.format(
            "Pre-submit check: %s of %s points on the %d public cases (%d of %d parts passed).%n",
            FeedbackWriter.points(graded.score()),
            FeedbackWriter.points(graded.maxScore()),
            graded.parts().stream()
                .map(p -> p.fixture().layer().id() + "/" + p.fixture().name())
                .distinct()
                .count(),
            graded.passedParts(),
            graded.parts().size()));
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
    text.append("These are the public cases only: your final grade also uses hidden cases.");
    return text.toString();
  }

  public void printScore(PrintStream out) {
    SubmissionResult graded = result();
    if (!graded.output().isEmpty()) {
      out.println(
          FeedbackWriter.summary(graded).lines().skip(1).reduce("", (a, b) -> a + b + "\n"));
    }
    String rule = "=".repeat(78);
    out.println();
    out.println(rule);
    out.println(scoreLine());
    out.println(rule);
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
