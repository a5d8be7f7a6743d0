package org.cnngrader.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cnngrader.feedback.FeedbackWriter;
import org.cnngrader.fixture.Visibility;
import org.cnngrader.grading.PartResult;
import org.cnngrader.grading.Points;
import org.cnngrader.grading.SubmissionResult;
import org.cnngrader.grading.Verdict;

/**
 * A submission's results in PrairieLearn's external-grader format ({@code results.json} of its
 * {@code /grade/results/}): {@code gradable}, {@code score} a fraction of the maximum, {@code
 * message}, {@code output}, and {@code tests[]} with {@code name}, {@code description}, {@code
 * points}, {@code max_points}, {@code message}, {@code output} and {@code images} (heat maps of
 * wrong values as PNG data URLs). PrairieLearn shows students every test, so a layer's hidden cases
 * become one test that gives their points and how many of their parts passed, nothing of their
 * inputs or feedback. The whole file stays under PrairieLearn's limit of about 1 MB: heat maps stop
 * at {@link #IMAGE_BUDGET} bytes, and the output says so.
 */
public final class PrairieLearnResults {

  /** The file's name beside results.json, where {@code grade --prairielearn} writes it. */
  public static final String FILE = "prairielearn.json";

  /** Bytes of data URLs, all images together: well within PrairieLearn's ~1 MB per result. */
  static final int IMAGE_BUDGET = 600_000;

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private PrairieLearnResults() {}

  public static ObjectNode of(SubmissionResult result) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("gradable", true);
    double max = result.maxScore();
    root.put("score", max > 0 ? Math.min(1, Math.max(0, result.score() / max)) : 0);
    // The score alone: the first problem may lie in a hidden case.
    root.put(
        "message",
        "Score: "
            + FeedbackWriter.points(result.score())
            + " / "
            + FeedbackWriter.points(max)
            + " ("
            + result.passedParts()
            + " of "
            + result.parts().size()
            + " parts passed)");
    root.put("output", FeedbackWriter.summary(result, FeedbackWriter.HiddenCases.AS_POINTS_ONLY));
    ArrayNode tests = root.putArray("tests");
    ImageBudget budget = new ImageBudget(IMAGE_BUDGET);
    for (PartResult part : result.parts(Visibility.PUBLIC)) {
      ObjectNode test = tests.addObject();
      test.put("name", part.name());
      test.put(
          "description",
          part.fixture().description() == null
              ? part.part().label()
              : part.fixture().description());
      test.put("points", part.score());
      test.put("max_points", part.maxScore());
      String feedback = FeedbackWriter.describe(part);
      test.put("message", part.passed() ? "passed" : feedback.lines().findFirst().orElse(""));
      test.put("output", feedback);
      if (part.verdict() instanceof Verdict.WrongValues wrong
          && (wrong.expected().shape().rank() == 4 || wrong.expected().shape().rank() == 1)) {
        images(test.putArray("images"), wrong, budget);
      }
    }
    hiddenTests(tests, result.parts(Visibility.HIDDEN));
    if (budget.leftOut) {
      root.put(
          "output",
          root.get("output").asText()
              + "\nSome heat maps are left out to keep these results small; your course staff's"
              + " report has them all.");
    }
    return root;
  }

  /** One test per layer for its hidden cases: points and a count, nothing else. */
  private static void hiddenTests(ArrayNode tests, List<PartResult> hidden) {
    Map<String, List<PartResult>> byLayer = new LinkedHashMap<>();
    hidden.forEach(
        part ->
            byLayer
                .computeIfAbsent(part.fixture().layer().id(), k -> new java.util.ArrayList<>())
                .add(part));
    byLayer.forEach(
        (layer, parts) -> {
          long passed = parts.stream().filter(PartResult::passed).count();
          ObjectNode test = tests.addObject();
          test.put("name", layer + ": hidden cases");
          test.put(
              "description", "Cases whose inputs are not shown, so that code cannot fit them.");
          test.put("points", Points.total(parts.stream().mapToDouble(PartResult::score)));
          test.put("max_points", parts.stream().mapToDouble(PartResult::maxScore).sum());
          String message = passed + " of " + parts.size() + " parts passed";
          test.put("message", message);
          test.put("output", message + ".");
        });
  }

  /** What is left of the bytes images may take, and whether one was left out for want of it. */
  private static final class ImageBudget {
    private int bytes;
    private boolean leftOut;

    ImageBudget(int bytes) {
      this.bytes = bytes;
    }

    boolean take(int size) {
      if (size > bytes) {
        leftOut = true;
        return false;
      }
      bytes -= size;
      return true;
    }
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
