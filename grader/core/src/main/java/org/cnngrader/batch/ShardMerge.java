package org.cnngrader.batch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.cnngrader.files.FileTrees;
import org.cnngrader.intake.RefusedInputException;
import org.cnngrader.report.GraderError;
import org.cnngrader.report.ResultsWriter;
import org.cnngrader.report.Scoresheet;

/**
 * The output folders of one batch's shards made one: every submission's folder, one gradebook and
 * one index, after checking that the shards fit together (one split, every shard once, one grader
 * build, one fixture set, no submission twice).
 */
public final class ShardMerge {

  /** What a merge made: how many shards, the submissions' scoresheets, the grader's errors. */
  public record Merged(int shards, List<Scoresheet> sheets, List<GraderError> errors) {
    public Merged {
      sheets = List.copyOf(sheets);
      errors = List.copyOf(errors);
    }
  }

  private ShardMerge() {}

  /**
   * Merges {@code shards} into {@code out} (which may be one of them).
   *
   * @throws RefusedInputException when the shards do not make one whole, naming why and where
   * @throws IOException when a shard cannot be read or {@code out} written
   */
  public static Merged merge(List<Path> shards, Path out) throws IOException {
    if (shards.isEmpty()) {
      throw new IllegalArgumentException("no shard to merge");
    }
    List<ShardRecord> records = shards.stream().map(ShardRecord::read).toList();
    Map<String, Path> owners = checkFit(shards, records);
    BatchGrading.createOutFolder(out);
    List<Scoresheet> sheets = new ArrayList<>();
    List<GraderError> errors = new ArrayList<>();
    Map<String, GraderError> failed = new HashMap<>();
    for (Path shard : shards) {
      ResultsWriter.readErrors(shard).forEach(e -> failed.put(e.id(), e));
    }
    for (Map.Entry<String, Path> owner : owners.entrySet()) {
      Path from = owner.getValue().resolve(owner.getKey());
      GraderError error = failed.get(owner.getKey());
      if (error != null) {
        // The shard's earlier results of this submission, if any, are not this run's.
        errors.add(error);
        continue;
      }
      if (!Files.isRegularFile(from.resolve(ResultsWriter.RESULTS))) {
        throw new RefusedInputException(
            owner.getValue() + ": " + owner.getKey() + " has no " + ResultsWriter.RESULTS);
      }
      if (!out.toAbsolutePath().normalize().equals(owner.getValue().toAbsolutePath().normalize())) {
        FileTrees.copy(from, out.resolve(owner.getKey()));
      }
      sheets.add(Scoresheet.read(owner.getKey(), from));
    }
    ResultsWriter.writeRun(sheets, errors, out);
    return new Merged(records.size(), sheets, errors);
  }

  /**
   * Refuses shards that do not make one whole: other splits, a shard given twice or missing, mixed
   * grader builds or fixtures, a submission in two shards. Returns each submission's shard.
   */
  private static Map<String, Path> checkFit(List<Path> shards, List<ShardRecord> records) {
    ShardRecord first = records.get(0);
    Map<Integer, Path> byIndex = new HashMap<>();
    Map<String, Path> owners = new TreeMap<>();
    for (int i = 0; i < records.size(); i++) {
      ShardRecord record = records.get(i);
      Path folder = shards.get(i);
      if (record.shard().total() != first.shard().total()) {
        throw new RefusedInputException(
            "shards of different splits: "
                + shards.get(0)
                + " is "
                + first.shard()
                + ", "
                + folder
                + " is "
                + record.shard());
      }
      Path twin = byIndex.putIfAbsent(record.shard().index(), folder);
      if (twin != null) {
        throw new RefusedInputException(
            "shard " + record.shard() + " is given twice: " + twin + " and " + folder);
      }
      if (!record.build().equals(first.build())) {
        throw new RefusedInputException(
            "mixed grader builds: "
                + shards.get(0)
                + " was graded by build "
                + abbreviated(first.build())
                + ", "
                + folder
                + " by "
                + abbreviated(record.build())
                + "; grade every shard with the same grader");
      }
      if (!record.fixtures().equals(first.fixtures())) {
        throw new RefusedInputException(
            "mixed fixtures: "
                + shards.get(0)
                + " and "
                + folder
                + " were graded on different fixture sets");
      }
      for (String id : record.submissions()) {
        Path other = owners.putIfAbsent(id, folder);
        if (other != null) {
          throw new RefusedInputException(
              "overlapping shards: " + id + " is in " + other + " and " + folder);
        }
      }
    }
    List<String> missing = new ArrayList<>();
    for (int index = 1; index <= first.shard().total(); index++) {
      if (!byIndex.containsKey(index)) {
        missing.add(index + "/" + first.shard().total());
      }
    }
    if (!missing.isEmpty()) {
      throw new RefusedInputException("shards missing: " + String.join(", ", missing));
    }
    return owners;
  }

  private static String abbreviated(String build) {
    return build.length() > 12 ? build.substring(0, 12) : build;
  }
}
