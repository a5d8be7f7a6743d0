package org.cnngrader.cli;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Files the command-line tests arrange. */
final class TestFiles {

  private TestFiles() {}

  /** Copies {@code source}'s tree to {@code target}. */
  static void copyTree(Path source, Path target) throws IOException {
    List<Path> paths;
    try (Stream<Path> walk = Files.walk(source)) {
      paths = walk.toList();
    }
    for (Path path : paths) {
      Path copy = target.resolve(source.relativize(path).toString());
      if (Files.isDirectory(path)) {
        Files.createDirectories(copy);
      } else {
        Files.copy(path, copy);
      }
    }
  }

  /**
   * A Canvas download in {@code download}: doejane (user 1001) handed in the correct example's two
   * files, roeann (user 1002, late) a Conv2d without its bias.
   */
  static Path canvasDownload(Path download) throws IOException {
    Files.createDirectories(download);
    Path submissions = CommandLineRun.home().resolve("fixtures/submissions");
    Path correct = submissions.resolve("correct-loops/cnn");
    Files.copy(correct.resolve("Conv2d.java"), download.resolve("doejane_1001_5001_Conv2d.java"));
    Files.copy(
        correct.resolve("Gradients.java"), download.resolve("doejane_1001_5000_Gradients.java"));
    Files.copy(
        submissions.resolve("mistake-bias-missing/cnn/Conv2d.java"),
        download.resolve("roeann_LATE_1002_5002_Conv2d-1.java"));
    return download;
  }

  /** Zips {@code folder}'s files below {@code prefix} inside the archive. */
  static Path zip(Path folder, Path zip, String prefix) throws IOException {
    try (OutputStream file = Files.newOutputStream(zip);
        ZipOutputStream out = new ZipOutputStream(file);
        Stream<Path> paths = Files.walk(folder)) {
      for (Path path : paths.filter(Files::isRegularFile).sorted().toList()) {
        out.putNextEntry(
            new ZipEntry(prefix + folder.relativize(path).toString().replace('\\', '/')));
        out.write(Files.readAllBytes(path));
        out.closeEntry();
      }
    }
    return zip;
  }

  /** A CSV file's rows, the header first, as a spreadsheet would read them. */
  static List<List<String>> csvRows(Path csv) throws IOException {
    CsvMapper mapper = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY);
    try (MappingIterator<List<String>> rows =
        mapper.readerForListOf(String.class).readValues(csv.toFile())) {
      return rows.readAll();
    }
  }
}
