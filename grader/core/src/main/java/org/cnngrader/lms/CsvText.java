package org.cnngrader.lms;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.util.List;

/** Rows of cells as CSV text. */
final class CsvText {

  private static final CsvMapper CSV = new CsvMapper();

  private CsvText() {}

  static String write(CsvSchema schema, List<List<String>> rows) {
    try {
      return CSV.writer(schema).writeValueAsString(rows);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("writing CSV to a string cannot fail", e);
    }
  }
}
