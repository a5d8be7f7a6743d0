package org.cnngrader.similarity;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A zip Dolos reads ({@code dolos run -l java dolos.zip}): every submission's files below a folder
 * of its id, and {@code info.csv} at the root naming each file ({@code filename}) with its
 * submission ({@code label}, {@code full_name}).
 */
public final class DolosExport {

  public static final String FILE = "dolos.zip";

  private static final FileTime EPOCH = FileTime.fromMillis(0);

  private DolosExport() {}

  public static void write(Map<String, Map<String, String>> sources, Path zip) throws IOException {
    CsvSchema schema =
        CsvSchema.builder()
            .setUseHeader(true)
            .addColumn("filename")
            .addColumn("label")
            .addColumn("full_name")
            .build();
    List<List<String>> rows = new ArrayList<>();
    try (OutputStream file = Files.newOutputStream(zip);
        ZipOutputStream out = new ZipOutputStream(file)) {
      for (Map.Entry<String, Map<String, String>> submission : sources.entrySet()) {
        for (Map.Entry<String, String> source : submission.getValue().entrySet()) {
          String name = submission.getKey() + "/" + source.getKey();
          entry(out, name, source.getValue());
          rows.add(List.of(name, submission.getKey(), submission.getKey()));
        }
      }
      entry(out, "info.csv", csv(schema, rows));
    }
  }

  private static void entry(ZipOutputStream out, String name, String text) throws IOException {
    ZipEntry entry = new ZipEntry(name);
    // The same sources make the same zip.
    entry.setLastModifiedTime(EPOCH);
    out.putNextEntry(entry);
    out.write(text.getBytes(StandardCharsets.UTF_8));
    out.closeEntry();
  }

  private static String csv(CsvSchema schema, List<List<String>> rows) {
    try {
      return new CsvMapper().writer(schema).writeValueAsString(rows);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("writing CSV to a string cannot fail", e);
    }
  }
}
