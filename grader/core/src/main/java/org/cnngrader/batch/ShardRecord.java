package org.cnngrader.batch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.cnngrader.intake.RefusedInputException;

/**
 * What {@code grade --shard} records beside its results ({@code shard.json}) so that {@code merge}
 * can check that the shards fit together: which share, which grader build, which fixtures, which
 * submissions.
 */
public record ShardRecord(Shard shard, String build, String fixtures, List<String> submissions) {

  public static final String FILE = "shard.json";

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  public ShardRecord {
    submissions = List.copyOf(submissions);
  }

  /** Writes {@code shard.json} into {@code folder}, whole or not at all. */
  public void write(Path folder) throws IOException {
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
        StandardCopyOption.REPLACE_EXISTING,
        StandardCopyOption.ATOMIC_MOVE);
  }

  /**
   * Reads a shard's record.
   *
   * @throws RefusedInputException naming the folder, when it has none or a broken one
   */
  public static ShardRecord read(Path folder) {
    Path file = folder.resolve(FILE);
    if (!Files.isRegularFile(file)) {
      throw new RefusedInputException(
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
      throw new RefusedInputException(file + ": not readable: " + e.getMessage());
    } catch (IllegalArgumentException e) {
      throw new RefusedInputException(file + ": its shard " + e.getMessage());
    }
  }
}
