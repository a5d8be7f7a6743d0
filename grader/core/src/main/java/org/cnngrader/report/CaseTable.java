package org.cnngrader.report;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cnngrader.fixture.Fixture;
import org.cnngrader.fixture.Part;
import org.cnngrader.grading.PartResult;
import org.cnngrader.grading.SubmissionResult;

/** A submission's parts arranged by case (rows, in fixture order) and part (columns). */
record CaseTable(List<Row> rows) {

  /** One case and its parts by kind. */
  record Row(Fixture fixture, Map<Part, PartResult> parts) {}

  CaseTable {
    rows = List.copyOf(rows);
  }

  static CaseTable of(SubmissionResult result) {
    Map<String, Row> rows = new LinkedHashMap<>();
    for (PartResult part : result.parts()) {
      rows.computeIfAbsent(
              part.fixture().name(), name -> new Row(part.fixture(), new EnumMap<>(Part.class)))
          .parts()
          .put(part.part(), part);
    }
    return new CaseTable(new ArrayList<>(rows.values()));
  }
}
