package org.cnngrader.lms;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.cnngrader.report.ResultsWriter;
import org.cnngrader.report.Scoresheet;
import org.cnngrader.report.Student;

/** A results folder as grade writes it, reduced to what the exports read. */
final class ResultsFolder {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final Path folder;

  ResultsFolder(Path folder) {
    this.folder = folder;
  }

  Path path() {
    return folder;
  }

  /** A submission of two parts, {@code score} of {@code max} points in all, by {@code students}. */
  ResultsFolder graded(String id, double score, double max, Student... students)
      throws IOException {
    Path submission = Files.createDirectories(folder.resolve(id));
    ObjectNode results = MAPPER.createObjectNode();
    ArrayNode tests = results.putArray("tests");
    tests
        .addObject()
        .put("name", "conv2d/a: forward shape")
        .put("score", score / 2)
        .put("max_score", max / 2);
    tests
        .addObject()
        .put("name", "conv2d/a: forward values")
        .put("score", score / 2)
        .put("max_score", max / 2);
    Files.writeString(submission.resolve(ResultsWriter.RESULTS), results.toString());
    ObjectNode provenance = MAPPER.createObjectNode();
    provenance.set(Student.PROVENANCE_FIELD, Student.toJson(List.of(students)));
    Files.writeString(submission.resolve(ResultsWriter.PROVENANCE), provenance.toString());
    return this;
  }

  /**
   * A submission of which no code was graded, e.g. a Canvas link: its parts score 0 for the
   * student's report, and provenance.json says why.
   */
  ResultsFolder noCode(String id, String reason, Student... students) throws IOException {
    graded(id, 0, 208, students);
    Path provenance = folder.resolve(id).resolve(ResultsWriter.PROVENANCE);
    ObjectNode node = (ObjectNode) MAPPER.readTree(provenance.toFile());
    node.putObject("score").put("first_problem", reason).put(Scoresheet.NO_CODE_FIELD, true);
    Files.writeString(provenance, node.toString());
    return this;
  }

  /** A submission the grader failed on. */
  ResultsFolder failed(String id, String why) throws IOException {
    Files.writeString(
        folder.resolve(ResultsWriter.GRADER_ERRORS),
        MAPPER
            .createArrayNode()
            .add(MAPPER.createObjectNode().put("submission", id).put("error", why))
            .toString());
    return this;
  }
}
