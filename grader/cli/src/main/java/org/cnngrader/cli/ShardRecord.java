package org.cnngrader.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.cnngrader.grading.SubmissionGrader;
import org.cnngrader.report.GraderBuild;
import org.cnngrader.runner.ChildMain;

/**
 * What {@code grade --shard} records beside its results ({@code shard.json}) so that {@code merge}
 * can check that the shards fit together: which share, which grader build, which fixtures, which
 * submissions.
 */
record ShardRecord(Shard shard, String build, String fixtures, List<String> submissions) {

  static final String FILE = "shard.json";

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  ShardRecord {
    submissions = List.copyOf(submissions);
  }

  /** The fingerprint of the grader running now: the command line, the core and the runner. */
  static String currentBuild() {
    return GraderBuild.fingerprint(GraderMain.class, SubmissionGrader.class, ChildMain.class);
  }

  void write(Path folder) throws IOException {
    ObjectNode root = JSON.createObjectNode();
    root.put("shard", shard.toString());
    root.put("grader_build", build);
    root.put("fixtures_sha256", fixtures);
    submissions.forEach(root.putArray("submissions")::add);
    Path temporary = Files.createTempFile(folder, ".shard", ".tmp");
    Files.writeString(temporary, JSON.writeValueAsString(root) + "\n");
    Files.move(
        temporary,
        folder.resolve(FILE),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING,
        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }

  /** Reads a shard's record; a usage error names the folder when it has none or a broken one. */
  static ShardRecord read(Path folder) {
    Path file = folder.resolve(FILE);
    if (!Files.isRegularFile(file)) {
      throw new UsageException(
          folder + ": no " + FILE + ": not the output of grader grade --shard I/N");
    }
    try {
      JsonNode root = JSON.readTree(file.toFile());
      List<String> ids = new ArrayList<>();
      root.path("submissions").forEach(id -> ids.add(id.asText()));
      return new ShardRecord(
          Shard.parse(root.path("shard").asText()),
          root.path("grader_build").asText(),
          root.path("fixtures_sha256").asText(),
          ids);
    } catch (IOException e) {
      throw new UsageException(file + ": not readable: " + e.getMessage());
    }
  }
}
