package org.cnngrader.similarity;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.cnngrader.report.SpreadsheetCells;

/**
 * similarity.csv: one row per pair, the most similar first: {@code first}, {@code second} (the
 * submissions' ids), {@code similarity} (a fraction, to four places) and {@code matched_tokens}.
 */
public final class SimilarityCsv {

  public static final String FILE = "similarity.csv";

  private SimilarityCsv() {}

  public static String render(List<Pair> pairs) {
    CsvSchema schema =
        CsvSchema.builder()
            .setUseHeader(true)
            .addColumn("first")
            .addColumn("second")
            .addColumn("similarity")
            .addColumn("matched_tokens")
            .build();
    List<List<String>> rows = new ArrayList<>();
    for (Pair pair : pairs) {
      rows.add(
          List.of(
              SpreadsheetCells.inert(pair.first()),
              SpreadsheetCells.inert(pair.second()),
              fraction(pair.similarity()),
              Integer.toString(pair.matchedTokens())));
    }
    try {
      return new CsvMapper().writer(schema).writeValueAsString(rows);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("writing CSV to a string cannot fail", e);
    }
  }

  static String fraction(double similarity) {
    return String.format(Locale.ROOT, "%.4f", similarity);
  }
}
