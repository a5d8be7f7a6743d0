package org.cnngrader.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.cnngrader.report.Gradebook;
import org.cnngrader.report.IndexPage;
import org.cnngrader.report.ResultsWriter;
import org.cnngrader.report.Scoresheet;
import org.cnngrader.report.Student;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code grader merge SHARD_DIR... --out DIR}: the shards of one batch, made one gradebook. */
@Command(
    name = "merge",
    mixinStandardHelpOptions = true,
    description =
        "Merges the output folders of grade --shard I/N (every shard 1..N of one split, graded by the"
            + " same grader build on the same fixtures) into DIR: every submission's folder, one"
            + " gradebook.csv and one index.html.")
final class MergeCommand implements Callable<Integer> {

  @Parameters(paramLabel = "SHARD_DIR", arity = "1..*", description = "The shards' --out folders.")
  List<Path> shards;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Where to merge.")
  Path out;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    return Guarded.run(
        spec,
        () -> {
          List<ShardRecord> records = shards.stream().map(ShardRecord::read).toList();
          Map<String, Path> owners = checkFit(records);
          BatchGrading.createOutFolder(out);
          List<Scoresheet> sheets = new ArrayList<>();
          for (Map.Entry<String, Path> owner : owners.entrySet()) {
            Path from = owner.getValue().resolve(owner.getKey());
            Path results = from.resolve(ResultsWriter.RESULTS);
            if (!Files.isRegularFile(results)) {
              throw new UsageException(
                  owner.getValue() + ": " + owner.getKey() + " has no " + ResultsWriter.RESULTS);
            }
            if (!out.toAbsolutePath()
                .normalize()
                .equals(owner.getValue().toAbsolutePath().normalize())) {
              copyTree(from, out.resolve(owner.getKey()));
            }
            sheets.add(
                Scoresheet.read(owner.getKey(), results)
                    .withStudents(Student.read(from.resolve(ResultsWriter.PROVENANCE))));
          }
          ResultsWriter.writeSheets(sheets, out);
          spec.commandLine()
              .getOut()
              .printf(
                  "Merged %d shards: %d submissions. Reports: %s, %s%n",
                  records.size(),
                  sheets.size(),
                  out.toAbsolutePath().normalize().resolve(IndexPage.FILE),
                  out.toAbsolutePath().normalize().resolve(Gradebook.FILE));
          return ExitCode.OK;
        });
  }

  /**
   * Refuses shards that do not make one whole: other splits, a shard given twice or missing, mixed
   * grader builds or fixtures, a submission in two shards. Returns each submission's shard.
   */
  private Map<String, Path> checkFit(List<ShardRecord> records) {
    ShardRecord first = records.get(0);
    Map<Integer, Path> byIndex = new HashMap<>();
    Map<String, Path> owners = new TreeMap<>();
    for (int i = 0; i < records.size(); i++) {
      ShardRecord record = records.get(i);
      Path folder = shards.get(i);
      if (record.shard().total() != first.shard().total()) {
        throw new UsageException(
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
        throw new UsageException(
            "shard " + record.shard() + " is given twice: " + twin + " and " + folder);
      }
      if (!record.build().equals(first.build())) {
        throw new UsageException(
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
        throw new UsageException(
            "mixed fixtures: "
                + shards.get(0)
                + " and "
                + folder
                + " were graded on different fixture sets");
      }
      for (String id : record.submissions()) {
        Path other = owners.putIfAbsent(id, folder);
        if (other != null) {
          throw new UsageException(
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
      throw new UsageException("shards missing: " + String.join(", ", missing));
    }
    return owners;
  }

  private static String abbreviated(String build) {
    return build.length() > 12 ? build.substring(0, 12) : build;
  }

  private static void copyTree(Path source, Path target) throws IOException {
    try (Stream<Path> paths = Files.walk(source)) {
      for (Path path : (Iterable<Path>) paths::iterator) {
        Path copy = target.resolve(source.relativize(path).toString());
        if (Files.isDirectory(path)) {
          Files.createDirectories(copy);
        } else {
          Files.copy(path, copy, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }
}
