package org.cnngrader.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.cnngrader.fixture.Visibility;
import org.cnngrader.grading.PartResult;
import org.cnngrader.grading.SubmissionResult;

/**
 * A submission's points, part by part, and who handed it in: what the gradebook and the index need.
 * It comes from a result just graded, or from the results.json (and provenance.json) an earlier run
 * (a shard, say) wrote.
 */
public record Scoresheet(String id, List<PartScore> parts, List<Student> students) {

  /** One part: its name ("case: part"), whether its case is hidden, and its points. */
  public record PartScore(String name, boolean hidden, double score, double max) {
    boolean passed() {
      return max > 0 && score >= max;
    }
  }

  public Scoresheet {
    parts = List.copyOf(parts);
    students = List.copyOf(students);
  }

  /** A submission whose students are not known. */
  public Scoresheet(String id, List<PartScore> parts) {
    this(id, parts, List.of());
  }

  public Scoresheet withStudents(List<Student> students) {
    return new Scoresheet(id, parts, students);
  }

  public static Scoresheet of(SubmissionResult result) {
    List<PartScore> parts = new ArrayList<>();
    for (PartResult part : result.parts()) {
      parts.add(
          new PartScore(
              part.name(),
              part.fixture().visibility() == Visibility.HIDDEN,
              part.score(),
              part.maxScore()));
    }
    return new Scoresheet(result.id(), parts);
  }

  /**
   * Reads the results.json of submission {@code id}: its tests, hidden where Gradescope shows them
   * only after grades are published.
   *
   * @throws IOException when the file cannot be read or is not results.json as the grader writes it
   */
  public static Scoresheet read(String id, Path resultsJson) throws IOException {
    JsonNode tests = new ObjectMapper().readTree(resultsJson.toFile()).path("tests");
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
    return new Scoresheet(id, parts);
  }

  public double score() {
    return parts.stream().mapToDouble(PartScore::score).sum();
  }

  public double maxScore() {
    return parts.stream().mapToDouble(PartScore::max).sum();
  }

  double score(boolean hidden) {
    return parts.stream().filter(p -> p.hidden() == hidden).mapToDouble(PartScore::score).sum();
  }

  long passedParts() {
    return parts.stream().filter(PartScore::passed).count();
  }
}
