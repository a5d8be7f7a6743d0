package org.cnngrader.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.cnngrader.compile.Compilation;
import org.cnngrader.feedback.FeedbackWriter;
import org.cnngrader.fixture.Visibility;
import org.cnngrader.grading.PartResult;
import org.cnngrader.grading.Points;
import org.cnngrader.grading.SubmissionResult;
import org.cnngrader.grading.Verdict;
import org.cnngrader.runner.Excerpt;

/**
 * A submission's results in PrairieLearn's external-grader format ({@code results.json} of its
 * {@code /grade/results/}): {@code gradable}, {@code score} a fraction of the maximum, {@code
 * message} (the score and the first problem), {@code output} (the summary), and {@code tests[]}
 * with {@code name}, {@code description}, {@code points}, {@code max_points}, {@code message} (the
 * feedback's first line), {@code output} (the rest of it) and {@code images} (heat maps of wrong
 * values as PNG data URLs). PrairieLearn shows students every test, so a layer's hidden cases
 * become one test that gives their points and how many of their parts passed, nothing of their
 * inputs or feedback.
 *
 * <p>PrairieLearn's grader host gives no grade at all for a results.json over 1 MiB, so the file is
 * made to fit {@link #BUDGET_BYTES} whatever the student's code printed or threw: each text is cut
 * to a length of its own, and when the whole is still too large the results are written again
 * smaller, step by step ({@link Shape}): heat maps left out first, then long outputs cut shorter,
 * then the public parts counted per layer. The output says what was left out.
 */
public final class PrairieLearnResults {

  /** The file's name beside results.json, where {@code grade --prairielearn} writes it. */
  public static final String FILE = "prairielearn.json";

  /**
   * PrairieLearn's limit: its grader host refuses a results.json of more bytes than this ({@code
   * apps/grader-host/src/index.ts}, {@code Buffer.byteLength(data) > 1024 * 1024}).
   */
  public static final int LIMIT_BYTES = 1024 * 1024;

  /** The bytes (UTF-8, as written) this file may take: PrairieLearn's limit with room to spare. */
  public static final int BUDGET_BYTES = 1_000_000;

  /** Bytes of data URLs, all images together, at the first shape. */
  static final int IMAGE_BUDGET = 600_000;

  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** What a hand-in that does not compile, or holds nothing to compile, gets on PrairieLearn. */
  public enum CompileErrors {
    /** Graded like any other: the layers that compile get their points; it costs an attempt. */
    GRADE("grade"),
    /** Not gradable: the compiler's errors as format errors, no points, no attempt used. */
    UNGRADABLE("ungradable");

    private final String key;

    CompileErrors(String key) {
      this.key = key;
    }

    public String key() {
      return key;
    }

    /**
     * The policy named {@code key}.
     *
     * @throws IllegalArgumentException naming the keys there are
     */
    public static CompileErrors parse(String key) {
      for (CompileErrors policy : values()) {
        if (policy.key.equals(key)) {
          return policy;
        }
      }
      throw new IllegalArgumentException("must be grade or ungradable, found '" + key + "'");
    }
  }

  /**
   * How large each text may be, in characters, and what the results keep, for one attempt at
   * fitting the budget; {@code shortened} words what was left out, for the student.
   */
  record Shape(
      int message,
      int output,
      int testMessage,
      int testOutput,
      int images,
      boolean publicPartsPerLayer,
      String shortened) {}

  /** The shapes tried in turn, each smaller than the one before. */
  static final List<Shape> SHAPES =
      List.of(
          new Shape(500, 60_000, 300, 6_000, IMAGE_BUDGET, false, ""),
          new Shape(500, 60_000, 300, 6_000, 0, false, "the heat maps are left out"),
          new Shape(
              500, 10_000, 200, 1_000, 0, false, "the heat maps are left out, outputs cut short"),
          new Shape(
              500, 2_000, 200, 0, 0, false, "the heat maps and each test's output are left out"),
          new Shape(
              500,
              2_000,
              200,
              0,
              0,
              true,
              "each layer's public parts are one test, without their feedback"));

  private static final int NAME = Excerpt.NAME;
  private static final int FORMAT_ERROR = 4_000;

  private PrairieLearnResults() {}

  /**
   * The results as PrairieLearn reads them, within {@link #BUDGET_BYTES} bytes of UTF-8.
   *
   * @throws IllegalStateException should even the smallest shape not fit (fixtures whose names
   *     alone take a megabyte), a fault of the grader's setup
   */
  public static String render(SubmissionResult result, CompileErrors policy) {
    Optional<List<String>> compileErrors =
        policy == CompileErrors.UNGRADABLE ? compileErrors(result) : Optional.empty();
    for (Shape shape : SHAPES) {
      ObjectNode root =
          compileErrors.isPresent()
              ? notGradable(compileErrors.get(), shape)
              : graded(result, shape);
      String text = json(root);
      if (text.getBytes(StandardCharsets.UTF_8).length <= BUDGET_BYTES) {
        return text;
      }
    }
    throw new IllegalStateException(
        "the PrairieLearn results of " + result.id() + " exceed " + BUDGET_BYTES + " bytes");
  }

  private static String json(ObjectNode root) {
    try {
      return MAPPER.writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a tree of strings and numbers always serializes", e);
    }
  }

  /**
   * What keeps the hand-in from being graded as a whole: the compiler's errors, the contract
   * classes left out for not compiling, or why there was nothing to compile; empty when it
   * compiled.
   */
  static Optional<List<String>> compileErrors(SubmissionResult result) {
    Compilation compilation = result.compilation().orElse(null);
    if (compilation instanceof Compilation.Failed failed) {
      return Optional.of(List.of("Your code does not compile:\n" + failed.diagnostics()));
    } else if (compilation instanceof Compilation.NoSources none) {
      return Optional.of(List.of("Nothing to grade: " + none.reason()));
    } else if (compilation instanceof Compilation.Compiled compiled
        && !compiled.classesLeftOut().isEmpty()) {
      List<String> errors = new ArrayList<>();
      compiled
          .classesLeftOut()
          .forEach((className, error) -> errors.add(className + " does not compile:\n" + error));
      return Optional.of(errors);
    }
    return Optional.empty();
  }

  private static ObjectNode notGradable(List<String> errors, Shape shape) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("gradable", false);
    root.put("score", 0.0);
    root.put(
        "message",
        "Not graded: your code does not compile, or there is nothing to compile. This costs you"
            + " no attempt; fix the errors below and submit again.");
    ArrayNode formatErrors = root.putArray("format_errors");
    int each = Math.min(FORMAT_ERROR, shape.output() / errors.size());
    errors.forEach(error -> formatErrors.add(Excerpt.cut(error, each)));
    return root;
  }

  private static ObjectNode graded(SubmissionResult result, Shape shape) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("gradable", true);
    double max = result.maxScore();
    root.put("score", max > 0 ? Math.min(1, Math.max(0, result.score() / max)) : 0);
    root.put("message", Excerpt.cut(message(result), shape.message()));
    ArrayNode tests = root.putArray("tests");
    ImageBudget budget = new ImageBudget(shape.images());
    if (shape.publicPartsPerLayer()) {
      perLayer(tests, result.parts(Visibility.PUBLIC), "public cases", "");
    } else {
      for (PartResult part : result.parts(Visibility.PUBLIC)) {
        publicTest(tests.addObject(), part, shape, budget);
      }
    }
    perLayer(
        tests,
        result.parts(Visibility.HIDDEN),
        "hidden cases",
        "Cases whose inputs are not shown, so that code cannot fit them.");
    List<String> notes = new ArrayList<>();
    if (budget.leftOut()) {
      notes.add(
          "Some heat maps are left out to keep these results small; your course staff's report"
              + " has them all.");
    }
    if (!shape.shortened().isEmpty()) {
      notes.add(
          "These results are shortened to fit PrairieLearn's limit of 1 MiB: "
              + shape.shortened()
              + ". Your course staff's report has everything.");
    }
    String output = Excerpt.cut(summary(result), shape.output());
    root.put("output", notes.isEmpty() ? output : output + "\n" + String.join("\n", notes));
    return root;
  }

  /**
   * The score and, where a public part failed, the first problem, as the TA's table words it. The
   * hidden cases stay out of it: their feedback is not the student's to see.
   */
  static String message(SubmissionResult result) {
    String score =
        "Score: "
            + FeedbackWriter.points(result.score())
            + " / "
            + FeedbackWriter.points(result.maxScore())
            + " ("
            + result.passedParts()
            + " of "
            + result.parts().size()
            + " parts passed)";
    return FeedbackWriter.headline(result, Visibility.PUBLIC)
        .map(problem -> score + "\nFirst problem: " + problem)
        .orElse(score);
  }

  /**
   * The summary the student's check prints, less its first line where that gives the score the
   * message already gives (no hidden cases: the public cases' score is the score).
   */
  private static String summary(SubmissionResult result) {
    String summary = FeedbackWriter.summary(result, FeedbackWriter.HiddenCases.AS_POINTS_ONLY);
    return summary.startsWith("Score: ") ? summary.substring(summary.indexOf('\n') + 1) : summary;
  }

  private static void publicTest(
      ObjectNode test, PartResult part, Shape shape, ImageBudget budget) {
    test.put("name", Excerpt.cut(part.name(), NAME));
    test.put(
        "description",
        Excerpt.cut(
            part.fixture().description() == null
                ? part.part().label()
                : part.fixture().description(),
            NAME));
    test.put("points", part.score());
    test.put("max_points", part.maxScore());
    // The first line is the message, the lines after it the output: each is shown once.
    String feedback = part.passed() ? "passed" : FeedbackWriter.describe(part);
    int newline = feedback.indexOf('\n');
    String first = newline < 0 ? feedback : feedback.substring(0, newline);
    String rest = newline < 0 ? "" : feedback.substring(newline + 1);
    test.put("message", Excerpt.cut(first, shape.testMessage()));
    if (!rest.isBlank() && shape.testOutput() > 0) {
      test.put("output", Excerpt.cut(rest, shape.testOutput()));
    }
    if (shape.images() > 0
        && part.verdict() instanceof Verdict.WrongValues wrong
        && (wrong.expected().shape().rank() == 4 || wrong.expected().shape().rank() == 1)) {
      ArrayNode images = MAPPER.createArrayNode();
      images(images, wrong, budget);
      if (!images.isEmpty()) {
        test.set("images", images);
      }
    }
  }

  /** One test per layer for {@code parts}: points and a count, nothing else. */
  private static void perLayer(
      ArrayNode tests, List<PartResult> parts, String what, String description) {
    Map<String, List<PartResult>> byLayer = new LinkedHashMap<>();
    parts.forEach(
        part ->
            byLayer.computeIfAbsent(part.fixture().layer().id(), k -> new ArrayList<>()).add(part));
    byLayer.forEach(
        (layer, ofLayer) -> {
          long passed = ofLayer.stream().filter(PartResult::passed).count();
          ObjectNode test = tests.addObject();
          test.put("name", layer + ": " + what);
          if (!description.isEmpty()) {
            test.put("description", description);
          }
          test.put("points", Points.total(ofLayer.stream().mapToDouble(PartResult::score)));
          test.put("max_points", ofLayer.stream().mapToDouble(PartResult::maxScore).sum());
          test.put("message", passed + " of " + ofLayer.size() + " parts passed");
        });
  }

  /** The heat maps of one wrong tensor, while the budget lasts. */
  private static void images(ArrayNode images, Verdict.WrongValues wrong, ImageBudget budget) {
    HeatMaps.Maps maps = HeatMaps.of(wrong.expected(), wrong.actual());
    for (HeatMaps.Slice slice : maps.slices()) {
      String where = wrong.tensor() + slice.label();
      Map<String, String> pictures = new LinkedHashMap<>();
      pictures.put(where + " expected", slice.expected());
      pictures.put(where + " yours", slice.actual());
      pictures.put(where + " |yours - expected|", slice.difference());
      if (!budget.take(pictures.values().stream().mapToInt(String::length).sum())) {
        return;
      }
      pictures.forEach((label, url) -> images.addObject().put("label", label).put("url", url));
    }
  }
}
