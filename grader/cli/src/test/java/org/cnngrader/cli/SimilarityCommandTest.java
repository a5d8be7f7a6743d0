package org.cnngrader.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A batch with a renamed copy: grader similarity ranks it first and writes every report; grade
 * --similarity does the same beside the grades.
 */
class SimilarityCommandTest {

  @TempDir Path temp;

  private final CommandLineRun cli = new CommandLineRun();

  private static Path example(String name) {
    return CommandLineRun.home().resolve("fixtures/submissions").resolve(name);
  }

  /** alice's code, bob's renamed copy of it in a zip, carol's im2col solution, dave's nothing. */
  private Path batch() throws Exception {
    Path batch = Files.createDirectories(temp.resolve("hand-ins"));
    TestFiles.copyTree(example("correct-loops"), batch.resolve("alice"));
    Path bob = temp.resolve("bob-src");
    TestFiles.copyTree(example("correct-loops"), bob);
    for (Path file : List.of(bob.resolve("cnn/Conv2d.java"), bob.resolve("cnn/MaxPool2d.java"))) {
      Files.writeString(
          file,
          Files.readString(file)
              .replaceAll("\\bsum\\b", "total")
              .replaceAll("\\bni\\b", "s")
              .replaceAll("//[^\\n]*", "// mine"));
    }
    TestFiles.zip(bob, batch.resolve("bob.zip"), "");
    TestFiles.copyTree(example("correct-im2col"), batch.resolve("carol"));
    Files.writeString(Files.createDirectories(batch.resolve("dave")).resolve("notes.txt"), "?");
    return batch;
  }

  @Test
  void aRenamedCopyIsTheMostSimilarPairAndEveryReportIsWritten() throws Exception {
    Path out = temp.resolve("similarity");

    int code = cli.run("similarity", "--batch", batch().toString(), "--out", out.toString());

    assertThat(code).as(cli.stderr()).isZero();
    List<List<String>> rows = TestFiles.csvRows(out.resolve("similarity.csv"));
    assertThat(rows.get(0)).containsExactly("first", "second", "similarity", "matched_tokens");
    assertThat(rows.get(1).subList(0, 2)).containsExactly("alice", "bob");
    assertThat(Double.parseDouble(rows.get(1).get(2))).isGreaterThan(0.9);
    assertThat(rows).hasSize(4);
    assertThat(cli.stdout())
        .contains("Read " + temp.resolve("hand-ins") + " as a folder of 4 submissions.\n")
        .contains("Compared 3 submissions (3 pairs) with JPlag, the handout's code left out: ")
        .contains("  alice and bob: ")
        .contains(
            "Similarity: " + out.toAbsolutePath().resolve("similarity.html") + " (side by side)");
    assertThat(cli.stderr()).contains("dave: not graded: no .java file was handed in");
    assertThat(out.resolve("similarity.html")).content().contains("alice and bob: ");
    assertThat(out.resolve("jplag-report.zip")).isRegularFile();
    assertThat(out.resolve("dolos.zip")).isRegularFile();
  }

  @Test
  void gradeWithSimilarityWritesItsReportsBesideTheGrades() throws Exception {
    Path out = temp.resolve("out");

    int code =
        cli.run(
            "grade",
            "--layers",
            "conv2d",
            "--batch",
            batch().toString(),
            "--out",
            out.toString(),
            "--similarity");

    assertThat(code).as(cli.stderr()).isZero();
    assertThat(out.resolve("gradebook.csv")).isRegularFile();
    assertThat(TestFiles.csvRows(out.resolve("similarity/similarity.csv")).get(1).subList(0, 2))
        .containsExactly("alice", "bob");
    assertThat(cli.stdout()).contains("Compared 3 submissions (3 pairs)");
  }

  @Test
  void badOptionsAreUsageErrors() throws Exception {
    Path batch = batch();

    assertThat(
            cli.run("similarity", "--batch", batch.toString(), "--out", "x", "--threshold", "1.5"))
        .isEqualTo(ExitCode.USAGE);
    assertThat(cli.stderr())
        .isEqualTo("grader: --threshold must be a fraction from 0 to 1, found 1.5\n");

    CommandLineRun shard = new CommandLineRun();
    assertThat(
            shard.run(
                "grade",
                "--batch",
                batch.toString(),
                "--out",
                "x",
                "--shard",
                "1/2",
                "--similarity"))
        .isEqualTo(ExitCode.USAGE);
    assertThat(shard.stderr()).startsWith("grader: --similarity needs every submission");
  }
}
