package org.cnngrader.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.cnngrader.batch.ShardMerge;
import org.cnngrader.report.Gradebook;
import org.cnngrader.report.IndexPage;
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
          ShardMerge.Merged merged = ShardMerge.merge(shards, out);
          Path absolute = out.toAbsolutePath().normalize();
          spec.commandLine()
              .getOut()
              .printf(
                  "Merged %d shards: %d submissions%s. Reports: %s, %s%n",
                  merged.shards(),
                  merged.sheets().size() + merged.errors().size(),
                  merged.errors().isEmpty()
                      ? ""
                      : ", " + merged.errors().size() + " not graded through a fault of the grader",
                  absolute.resolve(IndexPage.FILE),
                  absolute.resolve(Gradebook.FILE));
          return merged.errors().isEmpty() ? ExitCode.OK : ExitCode.GRADER_FAULT;
        });
  }
}
