package org.cnngrader.check;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cnngrader.classroom.ClassroomResult;
import org.cnngrader.classroom.ClassroomRunner;
import org.cnngrader.grading.PartResult;
import org.cnngrader.grading.SubmissionResult;
import org.cnngrader.layer.Layer;

/**
 * The check's points per layer as GitHub Classroom's grading reporter reads them: one file per
 * layer, {@code <runner>.json}, which the template repository's workflow passes to the reporter in
 * base64.
 */
final class ClassroomResults {

  /**
   * Bytes of one file. The reporter reads it, in base64, from an environment variable, and Linux
   * refuses to start a process with one longer than 128 KiB; base64 makes 4 bytes of every 3.
   */
  static final int FILE_BUDGET = 90_000;

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private ClassroomResults() {}

  /** The result of each layer graded, in the order of its first part. */
  static Map<ClassroomRunner, ClassroomResult> of(SubmissionResult graded) {
    Map<Layer, List<PartResult>> byLayer = new LinkedHashMap<>();
    graded
        .parts()
        .forEach(p -> byLayer.computeIfAbsent(p.fixture().layer(), l -> new ArrayList<>()).add(p));
    Map<ClassroomRunner, ClassroomResult> results = new LinkedHashMap<>();
    ClassroomRunner.of(List.copyOf(byLayer.keySet()))
        .forEach(runner -> results.put(runner, ClassroomResult.of(byLayer.get(runner.layer()))));
    return results;
  }

  /** Writes every layer's file into {@code folder}, each replaced whole. */
  static void write(SubmissionResult graded, Path folder) throws IOException {
    Files.createDirectories(folder);
    for (Map.Entry<ClassroomRunner, ClassroomResult> entry : of(graded).entrySet()) {
      Path file = folder.resolve(entry.getKey().fileName());
      Path partial = folder.resolve(entry.getKey().fileName() + ".partial");
      Files.write(partial, bytes(entry.getValue()));
      Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /** The file's bytes: with the failing parts' messages while they fit the budget. */
  static byte[] bytes(ClassroomResult result) throws IOException {
    byte[] whole = MAPPER.writeValueAsBytes(result);
    return whole.length <= FILE_BUDGET ? whole : MAPPER.writeValueAsBytes(result.withoutMessages());
  }
}
