package org.cnngrader.lms;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.cnngrader.intake.RefusedInputException;
import org.cnngrader.report.GraderError;
import org.cnngrader.report.ResultsWriter;
import org.cnngrader.report.Scoresheet;

/**
 * What a results folder ({@code grade --out}, or {@code merge --out}) holds: the scoresheet of
 * every submission graded, read back from its folder, and the submissions the grader failed on.
 *
 * @param folder the results folder
 * @param sheets the submissions graded, by id
 * @param errors the submissions not graded through a fault of the grader
 */
public record GradedRun(Path folder, List<Scoresheet> sheets, List<GraderError> errors) {

  public GradedRun {
    sheets = List.copyOf(sheets);
    errors = List.copyOf(errors);
  }

  /**
   * Reads the results folder {@code folder}.
   *
   * @throws RefusedInputException when it is no folder, or holds no submission's results
   * @throws IOException when a submission's results cannot be read
   */
  public static GradedRun read(Path folder) throws IOException {
    if (!Files.isDirectory(folder)) {
      throw new RefusedInputException(folder + ": no such folder of results");
    }
    List<GraderError> errors = ResultsWriter.readErrors(folder);
    Set<String> failed = errors.stream().map(GraderError::id).collect(Collectors.toSet());
    List<Path> graded;
    try (Stream<Path> children = Files.list(folder)) {
      graded =
          children
              .filter(child -> Files.isRegularFile(child.resolve(ResultsWriter.RESULTS)))
              .filter(child -> !failed.contains(child.getFileName().toString()))
              .sorted()
              .toList();
    }
    if (graded.isEmpty() && errors.isEmpty()) {
      throw new RefusedInputException(
          folder
              + ": holds no graded submission (no folder with a "
              + ResultsWriter.RESULTS
              + "); give the --out folder of grader grade or grader merge");
    }
    List<Scoresheet> sheets = new ArrayList<>();
    for (Path child : graded) {
      sheets.add(Scoresheet.read(child.getFileName().toString(), child));
    }
    return new GradedRun(folder, sheets, errors);
  }
}
