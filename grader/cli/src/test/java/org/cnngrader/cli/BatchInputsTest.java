package org.cnngrader.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.cnngrader.AssignmentTotals;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Inputs as TAs have them: folders and zips, one by one or as the children of a --batch folder. A
 * bad one costs only its own submission, with a message that says what is wrong.
 */
class BatchInputsTest {

  @TempDir Path temp;

  private static final AssignmentTotals TOTALS = AssignmentTotals.repository();

  private final CommandLineRun cli = new CommandLineRun();

  private static Path example(String name) {
    return CommandLineRun.home().resolve("fixtures/submissions").resolve(name);
  }

  private static Path zip(Path folder, Path zip, String prefix) throws IOException {
    return TestFiles.zip(folder, zip, prefix);
  }

  private static JsonNode results(Path out, String id) throws IOException {
    return new ObjectMapper().readTree(out.resolve(id).resolve("results.json").toFile());
  }

  @Test
  void aBatchFolderOfFoldersAndZipsIsGradedAndBadZipsCostOnlyThemselves() throws Exception {
    Path batch = Files.createDirectories(temp.resolve("batch"));
    TestFiles.copyTree(example("correct-loops"), batch.resolve("alice"));
    zip(example("correct-im2col"), batch.resolve("bob.zip"), "project/");
    Files.writeString(batch.resolve("carol.zip"), "not a zip at all");
    try (OutputStream file = Files.newOutputStream(batch.resolve("dave.zip"));
        ZipOutputStream out = new ZipOutputStream(file)) {
      out.putNextEntry(new ZipEntry("../../escape/Conv2d.java"));
      out.write("class Conv2d {}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
      out.closeEntry();
    }
    Files.writeString(batch.resolve("notes.txt"), "left out");
    Path out = temp.resolve("out");

    int code = cli.run("grade", "--batch", batch.toString(), "--out", out.toString());

    assertThat(code).as(cli.stderr()).isZero();
    assertThat(results(out, "alice").get("score").asDouble()).isEqualTo(TOTALS.points());
    assertThat(results(out, "bob").get("score").asDouble()).isEqualTo(TOTALS.points());
    assertThat(results(out, "carol").get("score").asDouble()).isZero();
    assertThat(results(out, "carol").get("output").asText())
        .contains("Nothing was graded: carol.zip is not a readable zip file (");
    assertThat(results(out, "dave").get("output").asText())
        .contains(
            "dave.zip: the entry ../../escape/Conv2d.java points outside the folder it is"
                + " extracted to");
    assertThat(temp.resolve("escape")).doesNotExist();
    assertThat(cli.stderr())
        .contains(batch.resolve("notes.txt") + ": not a folder or a .zip, left out");
    assertThat(
            Files.readAllLines(out.resolve("gradebook.csv")).stream()
                .skip(1)
                .map(l -> l.substring(0, l.indexOf(','))))
        .containsExactly("alice", "bob", "carol", "dave");
  }

  @Test
  void anEmptyFolderAFolderWithoutJavaFilesAndAnEmptyZipAreNoCodeWithTheReason() throws Exception {
    Path batch = Files.createDirectories(temp.resolve("batch"));
    TestFiles.copyTree(example("correct-loops"), batch.resolve("alice"));
    Files.writeString(Files.createDirectories(batch.resolve("bob")).resolve(".DS_Store"), "x");
    Path docs = Files.createDirectories(batch.resolve("carol/docs"));
    Files.writeString(batch.resolve("carol/README.txt"), "see docs");
    for (String name : List.of("a.txt", "b.txt", "c.pdf")) {
      Files.writeString(docs.resolve(name), name);
    }
    try (OutputStream file = Files.newOutputStream(batch.resolve("dave.zip"));
        ZipOutputStream out = new ZipOutputStream(file)) {
      out.putNextEntry(new ZipEntry("__MACOSX/._Conv2d.java"));
      out.closeEntry();
    }
    Path out = temp.resolve("out");

    int code = cli.run("grade", "--batch", batch.toString(), "--out", out.toString());

    assertThat(code).as(cli.stderr()).isZero();
    assertThat(results(out, "alice").get("score").asDouble()).isEqualTo(TOTALS.points());
    assertThat(results(out, "bob").get("tests").get(0).get("output").asText())
        .isEqualTo("```text\nnot graded: nothing was handed in: no file in bob/\n```\n");
    assertThat(results(out, "carol").get("output").asText())
        .contains(
            "Nothing was graded: no .java file was handed in: only README.txt, docs/a.txt,"
                + " docs/b.txt and 1 more in carol/\n");
    assertThat(results(out, "dave").get("score").asDouble()).isZero();
    assertThat(cli.stderr())
        .contains("grader: warning: bob: not graded: nothing was handed in: no file in bob/\n")
        .contains("grader: warning: carol: not graded: no .java file was handed in: only ")
        .contains(
            "grader: warning: dave: not graded: nothing was handed in: no file in dave.zip\n");
    assertThat(cli.stdout())
        .containsPattern(
            "(?m)^dave\\s+no code\\s+"
                + TOTALS.pointsText()
                + "\\s+"
                + TOTALS.zeroColumns("\\s+")
                + " .* nothing was handed in: no file in dave.zip$")
        .containsPattern("(?m)^\\[\\d/4\\] bob: no code, no grade \\(see stderr\\)$");
    // Their zeros are for the students to read; the gradebook holds no grade for them.
    assertThat(TestFiles.csvRows(out.resolve("gradebook.csv")))
        .extracting(row -> row.subList(0, 7))
        .containsExactly(
            List.of("id", "students", "emails", "student_ids", "late", "status", "score"),
            List.of("alice", "", "", "", "", "graded", TOTALS.pointsText()),
            List.of("bob", "", "", "", "", "no code: nothing was handed in: no file in bob/", ""),
            List.of(
                "carol",
                "",
                "",
                "",
                "",
                "no code: no .java file was handed in: only README.txt, docs/a.txt, docs/b.txt and"
                    + " 1 more in carol/",
                ""),
            List.of(
                "dave", "", "", "", "", "no code: nothing was handed in: no file in dave.zip", ""));
  }

  @Test
  void clashingIdsNameBothInputsAndTheIdEachGot() throws Exception {
    Path first = Files.createDirectories(temp.resolve("given/erin"));
    Path batch = Files.createDirectories(temp.resolve("batch"));
    Path second = Files.createDirectories(batch.resolve("Erin"));
    Path out = temp.resolve("out");

    int code =
        cli.run("grade", first.toString(), "--batch", batch.toString(), "--out", out.toString());

    assertThat(code).isZero();
    assertThat(cli.stderr())
        .startsWith(
            "grader: warning: two submissions would have the id 'Erin' (ids are compared without"
                + " case): "
                + first
                + " is graded as 'erin', "
                + second
                + " as 'Erin-2'\n");
    assertThat(out.resolve("erin/results.json")).isRegularFile();
    assertThat(out.resolve("Erin-2/results.json")).isRegularFile();
  }

  @Test
  void aZipGivenDirectlyIsGradedUnderItsNameWithoutZip() throws Exception {
    Path zip = zip(example("correct-loops"), temp.resolve("erin.zip"), "");
    Path out = temp.resolve("out");

    assertThat(cli.run("grade", zip.toString(), "--out", out.toString())).isZero();

    assertThat(results(out, "erin").get("score").asDouble()).isEqualTo(TOTALS.points());
    assertThat(cli.stdout())
        .containsPattern(
            "(?m)^erin\\s+" + TOTALS.pointsText() + "\\s+" + TOTALS.pointsText() + " ");
  }

  @Test
  void noSubmissionAtAllIsAUsageError() throws Exception {
    Path empty = Files.createDirectories(temp.resolve("empty"));

    assertThat(cli.run("grade", "--out", temp.resolve("o").toString())).isEqualTo(2);
    assertThat(cli.run("grade", "--batch", empty.toString(), "--out", temp.resolve("o").toString()))
        .isEqualTo(2);

    assertThat(cli.stderr())
        .contains("grader: no submission given: name folders or zips, or --batch DIR")
        .contains("grader: warning: " + empty + " holds no submission folder or zip")
        .contains("grader: no submission found in [" + empty + "]");
  }

  @Test
  void gradingInParallelGivesTheSameGradebookAndALinePerSubmission() throws Exception {
    Path batch = Files.createDirectories(temp.resolve("batch"));
    for (String name : List.of("correct-loops", "mistake-bias-missing", "mistake-stride-ignored")) {
      TestFiles.copyTree(example(name), batch.resolve(name));
    }

    CommandLineRun one = new CommandLineRun();
    CommandLineRun two = new CommandLineRun();
    assertThat(
            one.run(
                "grade",
                "--batch",
                batch.toString(),
                "--out",
                temp.resolve("one").toString(),
                "--jobs",
                "1"))
        .isZero();
    assertThat(
            two.run(
                "grade",
                "--batch",
                batch.toString(),
                "--out",
                temp.resolve("two").toString(),
                "--jobs",
                "2"))
        .isZero();

    assertThat(temp.resolve("two/gradebook.csv"))
        .hasSameTextualContentAs(temp.resolve("one/gradebook.csv"));
    assertThat(two.stdout())
        .containsPattern(
            "(?m)^\\[\\d/3\\] correct-loops: "
                + TOTALS.pointsText()
                + " of "
                + TOTALS.pointsText()
                + " in \\d+\\.\\d s$")
        .containsPattern(
            "(?m)^\\[\\d/3\\] mistake-bias-missing: "
                + TOTALS.pointsTextLosing(TOTALS.lostToAMissingBias())
                + " of "
                + TOTALS.pointsText()
                + " in ")
        .containsPattern(
            "(?m)^Graded 3 of 3 submissions in [\\d.]+ s \\([\\d.]+ per second, 2 at a time\\)");
  }

  @Test
  void aJobCountOutOfRangeIsAUsageError() {
    int code =
        cli.run(
            "grade", example("correct-loops").toString(), "--out", temp.toString(), "--jobs", "-1");

    assertThat(code).isEqualTo(2);
    assertThat(cli.stderr()).startsWith("grader: --jobs must be between 1 and 256, found -1");
  }

  @Test
  void shardsSplitABatchBySortedIdSoThatEverySubmissionIsGradedOnce() throws Exception {
    Path batch = Files.createDirectories(temp.resolve("batch"));
    for (String name : List.of("dora", "al", "cy", "bo", "ed")) {
      TestFiles.copyTree(example("correct-loops"), batch.resolve(name));
    }
    CommandLineRun first = new CommandLineRun();
    CommandLineRun second = new CommandLineRun();

    assertThat(
            first.run(
                "grade",
                "--batch",
                batch.toString(),
                "--out",
                temp.resolve("s1").toString(),
                "--shard",
                "1/2"))
        .isZero();
    assertThat(
            second.run(
                "grade",
                "--batch",
                batch.toString(),
                "--out",
                temp.resolve("s2").toString(),
                "--shard",
                "2/2"))
        .isZero();

    assertThat(first.stdout()).contains("Shard 1/2: 3 of 5 submissions");
    assertThat(second.stdout()).contains("Shard 2/2: 2 of 5 submissions");
    assertThat(ids(temp.resolve("s1/gradebook.csv"))).containsExactly("al", "cy", "ed");
    assertThat(ids(temp.resolve("s2/gradebook.csv"))).containsExactly("bo", "dora");
  }

  @Test
  void aShardOutOfRangeOrMalformedIsAUsageError() {
    String correct = example("correct-loops").toString();

    assertThat(cli.run("grade", correct, "--out", temp.toString(), "--shard", "3/2")).isEqualTo(2);
    assertThat(cli.run("grade", correct, "--out", temp.toString(), "--shard", "one")).isEqualTo(2);

    assertThat(cli.stderr())
        .contains("grader: --shard must be I/N with 1 <= I <= N, found 3/2")
        .contains("grader: --shard must be I/N, e.g. 1/4, found 'one'");
  }

  private static List<String> ids(Path gradebook) throws IOException {
    return Files.readAllLines(gradebook).stream()
        .skip(1)
        .map(line -> line.substring(0, line.indexOf(',')))
        .toList();
  }
}
