package org.cnngrader.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cnngrader.feedback.FeedbackWriter;
import org.cnngrader.fixture.Fixture;
import org.cnngrader.grading.PartResult;
import org.cnngrader.grading.Points;
import org.cnngrader.grading.SubmissionResult;
import org.cnngrader.layer.Layer;
import org.cnngrader.layer.Part;

/**
 * A submission's parts arranged, for one layer, by case (rows, in fixture order) and part (columns,
 * the layer's parts).
 */
record CaseTable(Layer layer, List<Row> rows) {

  /** One case and its parts by kind. */
  record Row(Fixture fixture, Map<Part, PartResult> parts) {}

  CaseTable {
    rows = List.copyOf(rows);
  }

  /** One table per layer graded, in the order the results list them. */
  static List<CaseTable> of(SubmissionResult result) {
    Map<Layer, Map<String, Row>> tables = new LinkedHashMap<>();
    for (PartResult part : result.parts()) {
      tables
          .computeIfAbsent(part.fixture().layer(), layer -> new LinkedHashMap<>())
          .computeIfAbsent(
              part.fixture().name(), name -> new Row(part.fixture(), new LinkedHashMap<>()))
          .parts()
          .put(part.part(), part);
    }
    List<CaseTable> byLayer = new ArrayList<>();
    tables.forEach(
        (layer, rows) -> byLayer.add(new CaseTable(layer, new ArrayList<>(rows.values()))));
    return byLayer;
  }

  /** "Conv2d (conv2d): 26 of 30 points". */
  String title() {
    double score = 0;
    double max = 0;
    for (Row row : rows) {
      for (PartResult part : row.parts().values()) {
        score += part.score();
        max += part.maxScore();
      }
    }
    return layer.title()
        + " ("
        + layer.id()
        + "): "
        + FeedbackWriter.points(Points.total(java.util.stream.DoubleStream.of(score)))
        + " of "
        + FeedbackWriter.points(max)
        + " points";
  }
}
