package org.cnngrader.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.cnngrader.AssignmentTotals;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Shards of one batch merged into one gradebook, and shards that do not fit refused. */
class MergeCommandTest {

  private static final AssignmentTotals TOTALS = AssignmentTotals.repository();

  @TempDir static Path shared;

  private static Path first;
  private static Path second;

  @TempDir Path temp;

  private final CommandLineRun cli = new CommandLineRun();

  @BeforeAll
  static void gradeTwoShards() throws IOException {
    Path batch = Files.createDirectories(shared.resolve("batch"));
    Path example = CommandLineRun.home().resolve("fixtures/submissions/correct-loops");
    for (String name : List.of("dora", "al", "cy")) {
      TestFiles.copyTree(example, batch.resolve(name));
    }
    first = shared.resolve("shard-1");
    second = shared.resolve("shard-2");
    assertThat(
            new CommandLineRun()
                .run(
                    "grade",
                    "--batch",
                    batch.toString(),
                    "--out",
                    first.toString(),
                    "--shard",
                    "1/2"))
        .isZero();
    assertThat(
            new CommandLineRun()
                .run(
                    "grade",
                    "--batch",
                    batch.toString(),
                    "--out",
                    second.toString(),
                    "--shard",
                    "2/2"))
        .isZero();
  }

  @Test
  void mergesEveryShardIntoOneGradebookAndIndex() throws Exception {
    Path out = temp.resolve("merged");

    int code = cli.run("merge", first.toString(), second.toString(), "--out", out.toString());

    assertThat(code).as(cli.stderr()).isZero();
    assertThat(
            Files.readAllLines(out.resolve("gradebook.csv")).stream()
                .skip(1)
                .map(l -> l.substring(0, l.indexOf(','))))
        .containsExactly("al", "cy", "dora");
    assertThat(Files.readAllLines(out.resolve("gradebook.csv")).get(1))
        .startsWith("al,,,,,graded," + TOTALS.gradebookScores(false));
    for (String id : List.of("al", "cy", "dora")) {
      assertThat(out.resolve(id).resolve("report.html")).isNotEmptyFile();
    }
    assertThat(Files.readString(out.resolve("index.html"))).contains("href=\"dora/report.html\"");
    assertThat(cli.stdout()).startsWith("Merged 2 shards: 3 submissions.");
  }

  @Test
  void aSubmissionTheShardsGraderFailedOnStaysAGraderErrorEvenBesideEarlierResults()
      throws Exception {
    Path failing = temp.resolve("shard-1");
    TestFiles.copyTree(first, failing);
    Files.writeString(
        failing.resolve("grader-errors.json"),
        "[{\"submission\": \"dora\", \"error\": \"java.io.IOException: No space left\"}]");
    Path out = temp.resolve("merged");

    int code = cli.run("merge", failing.toString(), second.toString(), "--out", out.toString());

    assertThat(code).isEqualTo(ExitCode.GRADER_FAULT);
    assertThat(Files.readAllLines(out.resolve("gradebook.csv")))
        .anyMatch(
            row -> row.startsWith("dora,,,,,\"grader error: java.io.IOException: No space left\","))
        .anyMatch(row -> row.startsWith("al,,,,,graded," + TOTALS.pointsText() + ","));
    assertThat(out.resolve("dora")).doesNotExist();
    assertThat(out.resolve("grader-errors.json")).content().contains("\"submission\" : \"dora\"");
    assertThat(cli.stdout())
        .startsWith("Merged 2 shards: 3 submissions, 1 not graded through a fault of the grader.");
  }

  @Test
  void aMissingShardIsRefused() {
    assertThat(cli.run("merge", first.toString(), "--out", temp.resolve("m").toString()))
        .isEqualTo(2);
    assertThat(cli.stderr()).isEqualTo("grader: shards missing: 2/2\n");
  }

  @Test
  void aShardGivenTwiceIsRefused() {
    assertThat(
            cli.run(
                "merge", first.toString(), first.toString(), "--out", temp.resolve("m").toString()))
        .isEqualTo(2);
    assertThat(cli.stderr()).startsWith("grader: shard 1/2 is given twice: ");
  }

  @Test
  void mixedGraderBuildsAreRefused() throws Exception {
    Path other = temp.resolve("other");
    TestFiles.copyTree(second, other);
    Path record = other.resolve("shard.json");
    String text = Files.readString(record);
    String build = text.replaceAll("(?s).*\"grader_build\" : \"([0-9a-f]+)\".*", "$1");
    Files.writeString(record, text.replace(build, "0".repeat(64)));

    assertThat(
            cli.run(
                "merge", first.toString(), other.toString(), "--out", temp.resolve("m").toString()))
        .isEqualTo(2);
    assertThat(cli.stderr())
        .startsWith("grader: mixed grader builds: ")
        .contains(" by 000000000000; grade every shard with the same grader");
  }

  @Test
  void aFolderThatIsNoShardIsRefused() throws Exception {
    Path plain = Files.createDirectories(temp.resolve("plain"));

    assertThat(cli.run("merge", plain.toString(), "--out", temp.resolve("m").toString()))
        .isEqualTo(2);
    assertThat(cli.stderr())
        .isEqualTo(
            "grader: " + plain + ": no shard.json: not the output of grader grade --shard I/N\n");
  }
}
