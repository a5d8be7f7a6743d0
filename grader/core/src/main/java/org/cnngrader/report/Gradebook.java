package org.cnngrader.report;

import static org.cnngrader.report.SpreadsheetCells.inert;
import static org.cnngrader.report.SpreadsheetCells.number;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * One row per submission, for spreadsheets and LMS imports: id, the students' names, emails and LMS
 * ids (Canvas user ids, Gradescope SIDs; several joined with "; ", empty when unknown), whether the
 * LMS marked the hand-in late ("late", else empty), status ("graded"; "no code:" and why, when no
 * code was graded; "grader error:" and what went wrong; points left empty for either), total,
 * maximum, the public and hidden cases' shares of the total, then the points of every part ("case:
 * part", marked "(hidden)" for hidden cases) as plain numbers. Cells a spreadsheet would run as
 * formulas are made inert ({@link SpreadsheetCells}).
 */
public final class Gradebook {

  public static final String FILE = "gradebook.csv";

  /** The status of a submission graded. */
  public static final String GRADED = "graded";

  /**
   * The start of the status of a submission of which no code was graded (none handed in, or none
   * could be taken in), before why: its zeros are no grade.
   */
  public static final String NO_CODE = "no code: ";

  /** The start of the status of a submission the grader failed on, before what went wrong. */
  public static final String NOT_GRADED = "grader error: ";

  private static final CsvMapper CSV = new CsvMapper();

  private Gradebook() {}

  public static String render(List<Scoresheet> sheets) {
    return render(sheets, List.of());
  }

  /**
   * The gradebook of the submissions graded and, after them, of those the grader failed on: their
   * status says so and their points are left empty, for no student's grade is a grader's fault.
   */
  public static String render(List<Scoresheet> sheets, List<GraderError> errors) {
    Map<String, String> partColumns = new LinkedHashMap<>();
    sheets.forEach(r -> r.parts().forEach(p -> partColumns.put(p.name(), column(p))));
    List<String> layers =
        sheets.stream()
            .flatMap(r -> r.layerScores().stream())
            .map(Scoresheet.LayerScore::layer)
            .distinct()
            .toList();
    CsvSchema.Builder schema = CsvSchema.builder().setUseHeader(true);
    schema.addColumn("id").addColumn("students").addColumn("emails");
    schema.addColumn("student_ids").addColumn("late");
    schema.addColumn("status").addColumn("score").addColumn("max_score");
    schema.addColumn("public_score").addColumn("hidden_score");
    layers.forEach(layer -> schema.addColumn(layer + "_score"));
    partColumns.values().forEach(schema::addColumn);
    List<List<String>> rows = new ArrayList<>();
    for (Scoresheet sheet : sheets) {
      Map<String, Scoresheet.PartScore> byName = new LinkedHashMap<>();
      sheet.parts().forEach(p -> byName.put(p.name(), p));
      List<String> row = new ArrayList<>();
      row.add(inert(sheet.id()));
      row.add(inert(joined(sheet.students(), Student::name)));
      row.add(inert(joined(sheet.students(), Student::email)));
      row.add(inert(joined(sheet.students(), Student::id)));
      row.add(late(sheet.students()));
      if (sheet.noCode()) {
        row.add(inert(NO_CODE + sheet.firstProblem()));
        while (row.size() < schema.size()) {
          row.add("");
        }
        rows.add(row);
        continue;
      }
      row.add(GRADED);
      row.add(number(sheet.score()));
      row.add(number(sheet.maxScore()));
      row.add(number(sheet.score(false)));
      row.add(number(sheet.score(true)));
      Map<String, Double> subtotals = new LinkedHashMap<>();
      sheet.layerScores().forEach(l -> subtotals.put(l.layer(), l.score()));
      for (String layer : layers) {
        Double subtotal = subtotals.get(layer);
        row.add(subtotal == null ? "" : number(subtotal));
      }
      for (String name : partColumns.keySet()) {
        Scoresheet.PartScore part = byName.get(name);
        row.add(part == null ? "" : number(part.score()));
      }
      rows.add(row);
    }
    for (GraderError error : errors) {
      List<String> row = new ArrayList<>();
      row.add(inert(error.id()));
      row.add("");
      row.add("");
      row.add("");
      row.add("");
      row.add(inert(NOT_GRADED + error.message()));
      while (row.size() < schema.size()) {
        row.add("");
      }
      rows.add(row);
    }
    try {
      return CSV.writer(schema.build()).writeValueAsString(rows);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("writing CSV to a string cannot fail", e);
    }
  }

  /** The students' non-empty values, joined with "; ". */
  private static String joined(List<Student> students, Function<Student, String> field) {
    return students.stream()
        .map(field)
        .filter(value -> !value.isEmpty())
        .collect(Collectors.joining("; "));
  }

  /** "late" when the LMS marked any of the students' hand-in late, else empty. */
  private static String late(List<Student> students) {
    return students.stream().anyMatch(Student::late) ? "late" : "";
  }

  /** "case: part", marked when the case is hidden. */
  private static String column(Scoresheet.PartScore part) {
    return part.name() + (part.hidden() ? " (hidden)" : "");
  }
}
