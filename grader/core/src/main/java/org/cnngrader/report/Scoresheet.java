package org.cnngrader.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cnngrader.feedback.FeedbackWriter;
import org.cnngrader.fixture.Visibility;
import org.cnngrader.grading.PartResult;
import org.cnngrader.grading.Points;
import org.cnngrader.grading.SubmissionResult;
import org.cnngrader.runner.Excerpt;

/**
 * A submission's points, part by part, how long it took, its first problem, who handed it in, how
 * its code was confined and whether any code was graded at all: what the table, the gradebook, the
 * index and the LMS exports need. It comes from a result just graded, or from the files an earlier
 * run (a shard, or a run this one resumes) wrote.
 *
 * @param noCode no code was graded (none handed in, or none could be taken in): its zeros are no
 *     grade, and {@code firstProblem} says why
 */
public record Scoresheet(
    String id,
    List<PartScore> parts,
    Duration elapsed,
    String firstProblem,
    List<Student> students,
    Confinement confinement,
    boolean noCode) {

  /** The field of provenance.json's {@code score} that says no code was graded. */
  public static final String NO_CODE_FIELD = "no_code";

  /** One part: its name ("case: part"), whether its case is hidden, and its points. */
  public record PartScore(String name, boolean hidden, double score, double max) {
    boolean passed() {
      return max > 0 && score >= max;
    }
  }

  private static final ObjectMapper MAPPER = new ObjectMapper();

  public Scoresheet {
    parts = List.copyOf(parts);
    if (elapsed == null || elapsed.isNegative()) {
      throw new IllegalArgumentException("elapsed time of " + id + " must be 0 or more");
    }
    if (firstProblem == null) {
      throw new IllegalArgumentException("first problem of " + id + " must be text, empty if none");
    }
    // It may come from the files of an earlier run, which are not trusted to be bounded.
    firstProblem = Excerpt.cut(firstProblem, Excerpt.MESSAGE);
    students = List.copyOf(students);
    if (confinement == null) {
      throw new IllegalArgumentException(
          "confinement of " + id + " must be given, NOT_RECORDED if unknown");
    }
  }

  public Scoresheet withStudents(List<Student> newStudents) {
    return new Scoresheet(id, parts, elapsed, firstProblem, newStudents, confinement, noCode);
  }

  /** A result just graded, by no student named, its confinement not recorded. */
  public static Scoresheet of(SubmissionResult result) {
    return of(result, List.of(), Confinement.NOT_RECORDED);
  }

  public static Scoresheet of(
      SubmissionResult result, List<Student> students, Confinement confinement) {
    List<PartScore> parts = new ArrayList<>();
    for (PartResult part : result.parts()) {
      parts.add(
          new PartScore(
              part.name(),
              part.fixture().visibility() == Visibility.HIDDEN,
              part.score(),
              part.maxScore()));
    }
    return new Scoresheet(
        result.id(),
        parts,
        result.elapsed(),
        FeedbackWriter.headline(result).orElse(""),
        students,
        confinement,
        result.noCode());
  }

  /**
   * Reads what an earlier run wrote in submission {@code id}'s {@code folder}: the tests of its
   * results.json (hidden where Gradescope shows them only after grades are published), and its
   * time, first problem, students, confinement and whether any code was graded from
   * provenance.json.
   *
   * @throws IOException when a file cannot be read or is not as the grader writes it
   */
  public static Scoresheet read(String id, Path folder) throws IOException {
    Path resultsJson = folder.resolve(ResultsWriter.RESULTS);
    JsonNode tests = MAPPER.readTree(resultsJson.toFile()).path("tests");
    if (!tests.isArray()) {
      throw new IOException(resultsJson + ": tests: expected an array of graded parts");
    }
    List<PartScore> parts = new ArrayList<>();
    for (JsonNode test : tests) {
      parts.add(
          new PartScore(
              test.path("name").asText(),
              "after_published".equals(test.path("visibility").asText()),
              test.path("score").asDouble(),
              test.path("max_score").asDouble()));
    }
    Path provenanceJson = folder.resolve(ResultsWriter.PROVENANCE);
    JsonNode provenance =
        Files.isRegularFile(provenanceJson)
            ? MAPPER.readTree(provenanceJson.toFile())
            : MAPPER.missingNode();
    JsonNode score = provenance.path("score");
    return new Scoresheet(
        id,
        parts,
        Duration.ofMillis(Math.max(0, score.path("elapsed_ms").asLong())),
        score.path("first_problem").asText(""),
        Student.fromJson(provenance),
        Confinement.fromProvenance(provenance),
        score.path(NO_CODE_FIELD).asBoolean(false));
  }

  /** A layer's subtotal: the points of its parts, named "<layer>/<case>: <part>". */
  public record LayerScore(String layer, double score, double max) {}

  /** The subtotal of each layer, in the order its parts first appear. */
  public List<LayerScore> layerScores() {
    Map<String, double[]> totals = new LinkedHashMap<>();
    for (PartScore part : parts) {
      double[] total = totals.computeIfAbsent(layerOf(part.name()), layer -> new double[2]);
      total[0] += part.score();
      total[1] += part.max();
    }
    List<LayerScore> scores = new ArrayList<>();
    totals.forEach(
        (layer, total) ->
            scores.add(
                new LayerScore(
                    layer, Points.total(java.util.stream.DoubleStream.of(total[0])), total[1])));
    return scores;
  }

  /** "conv2d", for a part named "conv2d/lesson-5x5-s1-p1: forward shape". */
  static String layerOf(String partName) {
    int slash = partName.indexOf('/');
    return slash < 0 ? "" : partName.substring(0, slash);
  }

  public double score() {
    return Points.total(parts.stream().mapToDouble(PartScore::score));
  }

  public double maxScore() {
    return parts.stream().mapToDouble(PartScore::max).sum();
  }

  double score(boolean hidden) {
    return Points.total(
        parts.stream().filter(p -> p.hidden() == hidden).mapToDouble(PartScore::score));
  }

  public long passedParts() {
    return parts.stream().filter(PartScore::passed).count();
  }
}
