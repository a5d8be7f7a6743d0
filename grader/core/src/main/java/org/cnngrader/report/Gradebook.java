package org.cnngrader.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.cnngrader.fixture.Visibility;
import org.cnngrader.grading.PartResult;
import org.cnngrader.grading.SubmissionResult;

/**
 * One row per submission, for spreadsheets and LMS imports: id, total, maximum, the public and
 * hidden cases' shares of the total, then the points of every part ("case: part", marked "(hidden)"
 * for hidden cases) as plain numbers. A cell that a spreadsheet would run as a formula (it starts
 * with =, +, - or @) gets a leading apostrophe, as is customary against CSV injection: ids come
 * from file names students chose.
 */
public final class Gradebook {

  public static final String FILE = "gradebook.csv";

  private static final CsvMapper CSV = new CsvMapper();

  private Gradebook() {}

  public static String render(List<SubmissionResult> results) {
    Map<String, String> partColumns = new LinkedHashMap<>();
    results.forEach(r -> r.parts().forEach(p -> partColumns.put(p.name(), column(p))));
    CsvSchema.Builder schema = CsvSchema.builder().setUseHeader(true);
    schema.addColumn("id").addColumn("score").addColumn("max_score");
    schema.addColumn("public_score").addColumn("hidden_score");
    partColumns.values().forEach(schema::addColumn);
    Set<String> partNames = partColumns.keySet();
    List<List<String>> rows = new ArrayList<>();
    for (SubmissionResult result : results) {
      Map<String, PartResult> byName =
          result.parts().stream().collect(Collectors.toMap(PartResult::name, Function.identity()));
      List<String> row = new ArrayList<>();
      row.add(inert(result.id()));
      row.add(number(result.score()));
      row.add(number(result.maxScore()));
      row.add(number(scoreOf(result, Visibility.PUBLIC)));
      row.add(number(scoreOf(result, Visibility.HIDDEN)));
      for (String name : partNames) {
        PartResult part = byName.get(name);
        row.add(part == null ? "" : number(part.score()));
      }
      rows.add(row);
    }
    try {
      return CSV.writer(schema.build()).writeValueAsString(rows);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("writing CSV to a string cannot fail", e);
    }
  }

  private static double scoreOf(SubmissionResult result, Visibility visibility) {
    return result.parts(visibility).stream().mapToDouble(PartResult::score).sum();
  }

  /** "case: part", marked when the case is hidden. */
  private static String column(PartResult part) {
    return part.name() + (part.fixture().visibility() == Visibility.HIDDEN ? " (hidden)" : "");
  }

  /** 2, 0.5, 208: no exponent, no trailing zeros. */
  static String number(double value) {
    return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
  }

  private static String inert(String cell) {
    return !cell.isEmpty() && "=+-@\t\r".indexOf(cell.charAt(0)) >= 0 ? "'" + cell : cell;
  }
}
