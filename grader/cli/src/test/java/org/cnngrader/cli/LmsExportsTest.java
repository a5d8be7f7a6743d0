package org.cnngrader.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.cnngrader.AssignmentTotals;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What TAs download from their LMS, graded as it is: a Gradescope export (folders and
 * submission_metadata.yml, or its zip) with the students' names and emails in the gradebook, a
 * Canvas download grouped per student, each recognised by itself or named by --format.
 */
class LmsExportsTest {

  private static final String METADATA =
      """
      submission_101:
        :submitters:
        - :name: Jane Doe
          :sid: '1001'
          :email: jane@example.edu
        :created_at: 2024-03-01 12:00:00.000000000 Z
        :score: 0.0
        :results:
          output: |-
            Public cases: 0 / 159
        :history: []
      submission_102:
        :submitters:
        - :name: Ann Lee
          :sid: 1002
          :email: ann@example.edu
        - :name: "=Bob Roe"
          :sid: '1003'
          :email: bob@example.edu
      submission_104:
        :submitters:
        - :name: Carl Poe
          :sid: '1004'
          :email: carl@example.edu
      """;

  private static final AssignmentTotals TOTALS = AssignmentTotals.repository();

  private static final String FULL = TOTALS.pointsText();

  /** The example mistake-bias-missing's score. */
  private static final String BIAS_MISSING = TOTALS.pointsTextLosing(TOTALS.lostToAMissingBias());

  /** A Conv2d alone, as a Canvas download hands in: the other layers' points are lost. */
  private static final AssignmentTotals CONV2D = TOTALS.layer("conv2d");

  @TempDir Path temp;

  private final CommandLineRun cli = new CommandLineRun();

  private static Path example(String name) {
    return CommandLineRun.home().resolve("fixtures/submissions").resolve(name);
  }

  private static JsonNode json(Path file) throws IOException {
    return new ObjectMapper().readTree(file.toFile());
  }

  /** Every row's id, students, emails, score and maximum (its status aside). */
  private static List<List<String>> gradebook(Path out) throws IOException {
    return gradebook(out, "id", "students", "emails", "score", "max_score");
  }

  /** Every row's cells of the columns named, the header row first. */
  private static List<List<String>> gradebook(Path out, String... columns) throws IOException {
    List<List<String>> rows = TestFiles.csvRows(out.resolve("gradebook.csv"));
    List<Integer> at = java.util.Arrays.stream(columns).map(rows.get(0)::indexOf).toList();
    assertThat(at).as("columns %s of %s", List.of(columns), rows.get(0)).doesNotContain(-1);
    return rows.stream().map(row -> at.stream().map(row::get).toList()).toList();
  }

  /** An export of submission_101 (correct), submission_102 (a group's, bias missing) and 103. */
  private Path export(String metadata) throws IOException {
    Path export = temp.resolve("assignment_7_export");
    TestFiles.copyTree(example("correct-loops"), export.resolve("submission_101"));
    TestFiles.copyTree(example("mistake-bias-missing"), export.resolve("submission_102"));
    TestFiles.copyTree(example("correct-loops"), export.resolve("submission_103"));
    Files.writeString(export.resolve("submission_metadata.yml"), metadata);
    return export;
  }

  @Test
  void aGradescopeExportPutsEveryStudentsNameAndEmailInTheGradebookAndProvenanceOnly()
      throws Exception {
    Path export = export(METADATA);
    Path out = temp.resolve("out");

    int code = cli.run("grade", export.toString(), "--out", out.toString());

    assertThat(code).as(cli.stderr()).isZero();
    assertThat(cli.stdout())
        .startsWith("Read " + export + " as a Gradescope export: 4 submissions, 4 students.\n");
    assertThat(gradebook(out))
        .containsExactly(
            List.of("id", "students", "emails", "score", "max_score"),
            List.of("submission_101", "Jane Doe", "jane@example.edu", FULL, FULL),
            List.of(
                "submission_102",
                "Ann Lee; =Bob Roe",
                "ann@example.edu; bob@example.edu",
                BIAS_MISSING,
                FULL),
            List.of("submission_103", "", "", FULL, FULL),
            // No code was graded: no grade, whatever its report's zeros say.
            List.of("submission_104", "Carl Poe", "carl@example.edu", "", ""));
    assertThat(cli.stderr())
        .contains(
            "grader: warning: "
                + export.resolve("submission_103")
                + ": not listed in submission_metadata.yml; graded without student names\n")
        .contains(
            "grader: warning: submission_104: not graded: submission_104 is listed in"
                + " submission_metadata.yml (line 20: Carl Poe), but the export holds no folder of"
                + " that name\n");
    assertThat(json(out.resolve("submission_104/results.json")).get("output").asText())
        .contains("Nothing was graded: submission_104 is listed in submission_metadata.yml");
    JsonNode students = json(out.resolve("submission_102/provenance.json")).get("students");
    assertThat(students.findValuesAsText("name")).containsExactly("Ann Lee", "=Bob Roe");
    assertThat(students.findValuesAsText("email"))
        .containsExactly("ann@example.edu", "bob@example.edu");
    assertThat(students.findValuesAsText("id")).containsExactly("1002", "1003");
    assertThat(Files.readString(out.resolve("submission_102/results.json")))
        .doesNotContain("Ann Lee")
        .doesNotContain("ann@example.edu");
  }

  @Test
  void aSpreadsheetFormulaInANameIsNeutralised() throws Exception {
    Path export = export(METADATA.replace("- :name: Ann Lee", "- :name: '@SUM(A1)'"));
    Path out = temp.resolve("out");

    assertThat(
            cli.run(
                "grade", "--batch", export.toString(), "--out", out.toString(), "--shard", "2/3"))
        .isZero();

    assertThat(Files.readAllLines(out.resolve("gradebook.csv")).get(1))
        .startsWith(
            "submission_102,\"'@SUM(A1); =Bob Roe\",\"ann@example.edu; bob@example.edu\",\"1002;"
                + " 1003\",,graded,"
                + BIAS_MISSING
                + ",");
  }

  @Test
  void namesAndEmailsSurviveMergingTheShards() throws Exception {
    Path export = export(METADATA);
    Path first = temp.resolve("shard-1");
    Path second = temp.resolve("shard-2");
    Path merged = temp.resolve("merged");
    for (Path shard : List.of(first, second)) {
      String share = shard == first ? "1/2" : "2/2";
      assertThat(
              new CommandLineRun()
                  .run(
                      "grade",
                      "--batch",
                      export.toString(),
                      "--out",
                      shard.toString(),
                      "--shard",
                      share))
          .isZero();
    }

    int code = cli.run("merge", first.toString(), second.toString(), "--out", merged.toString());

    assertThat(code).as(cli.stderr()).isZero();
    assertThat(gradebook(merged))
        .containsExactly(
            List.of("id", "students", "emails", "score", "max_score"),
            List.of("submission_101", "Jane Doe", "jane@example.edu", FULL, FULL),
            List.of(
                "submission_102",
                "Ann Lee; =Bob Roe",
                "ann@example.edu; bob@example.edu",
                BIAS_MISSING,
                FULL),
            List.of("submission_103", "", "", FULL, FULL),
            // No code was graded: no grade, whatever its report's zeros say.
            List.of("submission_104", "Carl Poe", "carl@example.edu", "", ""));
  }

  @Test
  void aMalformedMetadataFileIsNamedWithItsLineAndTheSubmissionsAreGradedWithoutNames()
      throws Exception {
    Path export = export(METADATA.replace("    :sid: '1001'", "   :sid: '1001'"));
    Path out = temp.resolve("out");

    int code = cli.run("grade", export.toString(), "--out", out.toString());

    assertThat(code).isZero();
    assertThat(cli.stderr())
        .contains(
            "grader: warning: "
                + export.resolve("submission_metadata.yml")
                + ":4:4: not valid YAML: expected <block end>, but found '<block mapping start>'"
                + " (while parsing a block mapping); the submissions of "
                + export
                + " are graded without student names\n");
    assertThat(gradebook(out))
        .containsExactly(
            List.of("id", "students", "emails", "score", "max_score"),
            List.of("submission_101", "", "", FULL, FULL),
            List.of("submission_102", "", "", BIAS_MISSING, FULL),
            List.of("submission_103", "", "", FULL, FULL));
  }

  @Test
  void anExportsZipIsReadLikeItsFolderAndMessagesNamePathsInsideIt() throws Exception {
    Path export = export(METADATA);
    Path zip = TestFiles.zip(export, temp.resolve("export.zip"), "assignment_7_export/");
    Path out = temp.resolve("out");

    int code = cli.run("grade", zip.toString(), "--out", out.toString(), "--shard", "1/4");

    assertThat(code).as(cli.stderr()).isZero();
    assertThat(gradebook(out))
        .containsExactly(
            List.of("id", "students", "emails", "score", "max_score"),
            List.of("submission_101", "Jane Doe", "jane@example.edu", FULL, FULL));
    assertThat(cli.stderr())
        .contains(
            "grader: warning: "
                + zip.resolve("assignment_7_export/submission_103")
                + ": not listed in submission_metadata.yml; graded without student names\n");
  }

  @Test
  void aCanvasDownloadMakesOneSubmissionPerStudentOfTheirFilesAndZips() throws Exception {
    Path download = TestFiles.canvasDownload(temp.resolve("canvas"));
    TestFiles.zip(
        example("correct-loops"), download.resolve("smithbo_1003_5003_project.zip"), "project/");
    Files.writeString(download.resolve("smithbo_1003_5004_notes.txt"), "see the zip");
    Path out = temp.resolve("out");

    int code = cli.run("grade", "--batch", download.toString(), "--out", out.toString());

    assertThat(code).as(cli.stderr()).isZero();
    assertThat(gradebook(out))
        .containsExactly(
            List.of("id", "students", "emails", "score", "max_score"),
            // Canvas downloads of Conv2d alone: the other layers' points are lost.
            List.of("doejane", "doejane", "", CONV2D.pointsText(), FULL),
            List.of(
                "roeann", "roeann", "", CONV2D.pointsTextLosing(CONV2D.lostToAMissingBias()), FULL),
            List.of("smithbo", "smithbo", "", FULL, FULL));
    assertThat(json(out.resolve("roeann/results.json")).get("output").asText())
        .contains("Note: Conv2d-1.java: compiled as Conv2d.java\n");
    assertThat(json(out.resolve("doejane/provenance.json")).get("students").findValuesAsText("id"))
        .containsExactly("1001");
    assertThat(cli.stdout())
        .startsWith(
            "Read " + download + " as a Canvas download: 3 submissions, 3 students, 1 late.\n");
    assertThat(gradebook(out, "id", "student_ids", "late"))
        .containsExactly(
            List.of("id", "student_ids", "late"),
            List.of("doejane", "1001", ""),
            List.of("roeann", "1002", "late"),
            List.of("smithbo", "1003", ""));
  }

  @Test
  void aFolderWithOtherFilesIsNoCanvasDownloadUnlessFormatSaysSo() throws Exception {
    Path download = Files.createDirectories(temp.resolve("canvas"));
    Files.copy(
        example("correct-loops").resolve("cnn/Conv2d.java"),
        download.resolve("doejane_1001_5001_Conv2d.java"));
    Files.writeString(download.resolve("README.txt"), "downloaded on Monday");
    CommandLineRun auto = new CommandLineRun();

    int autoCode = auto.run("grade", "--batch", download.toString(), "--out", temp.toString());
    int code =
        cli.run(
            "grade",
            "--batch",
            download.toString(),
            "--format",
            "canvas",
            "--out",
            temp.resolve("out").toString());

    assertThat(autoCode).isEqualTo(2);
    assertThat(auto.stderr())
        .contains(
            "grader: warning: "
                + download.resolve("README.txt")
                + ": not a folder or a .zip, left out\n")
        .endsWith("grader: no submission found in [" + download + "]\n");
    assertThat(code).as(cli.stderr()).isZero();
    assertThat(cli.stderr())
        .contains(
            "grader: warning: "
                + download.resolve("README.txt")
                + ": not named as in a Canvas download (<name>_<user id>_<file id>_<file name>),"
                + " left out\n");
    assertThat(gradebook(temp.resolve("out")))
        .containsExactly(
            List.of("id", "students", "emails", "score", "max_score"),
            List.of("doejane", "doejane", "", CONV2D.pointsText(), FULL));
  }

  @Test
  void aLinkInACanvasDownloadIsLeftOutNeverReadThrough() throws Exception {
    Path download = Files.createDirectories(temp.resolve("canvas"));
    Path correct = example("correct-loops").resolve("cnn/Conv2d.java");
    Files.copy(correct, download.resolve("doejane_1001_5001_Conv2d.java"));
    Path link = download.resolve("roeann_1002_5002_Conv2d.java");
    Files.createSymbolicLink(link, correct);
    Path out = temp.resolve("out");

    int code = cli.run("grade", download.toString(), "--format", "canvas", "--out", out.toString());

    assertThat(code).as(cli.stderr()).isZero();
    assertThat(cli.stderr())
        .contains("grader: warning: " + link + ": not a file, left out of the Canvas download\n");
    assertThat(gradebook(out))
        .containsExactly(
            List.of("id", "students", "emails", "score", "max_score"),
            List.of("doejane", "doejane", "", CONV2D.pointsText(), FULL));
  }

  @Test
  void formatFoldersGradesAnExportAsOneSubmissionAndFormatGradescopeNeedsNoMetadata()
      throws Exception {
    Path export = Files.createDirectories(temp.resolve("export"));
    TestFiles.copyTree(example("correct-loops"), export.resolve("submission_101"));
    CommandLineRun folders = new CommandLineRun();
    Files.writeString(export.resolve("submission_metadata.yml"), METADATA);
    int foldersCode =
        folders.run(
            "grade",
            export.toString(),
            "--format",
            "folders",
            "--out",
            temp.resolve("folders").toString());
    Files.delete(export.resolve("submission_metadata.yml"));

    int code =
        cli.run(
            "grade",
            "--batch",
            export.toString(),
            "--format",
            "gradescope",
            "--out",
            temp.resolve("gradescope").toString());

    assertThat(foldersCode).as(folders.stderr()).isZero();
    assertThat(folders.stderr()).doesNotContain("submission_metadata.yml");
    assertThat(gradebook(temp.resolve("folders")).get(1))
        .containsExactly("export", "", "", FULL, FULL);
    assertThat(code).as(cli.stderr()).isZero();
    assertThat(cli.stderr())
        .contains(
            "grader: warning: "
                + export
                + ": no submission_metadata.yml; its submissions are graded without student"
                + " names\n");
    assertThat(gradebook(temp.resolve("gradescope")).get(1))
        .containsExactly("submission_101", "", "", FULL, FULL);
  }

  @Test
  void anUnknownFormatIsAUsageErrorAndHelpListsTheFormats() {
    int code =
        cli.run(
            "grade",
            example("correct-loops").toString(),
            "--format",
            "moodle",
            "--out",
            temp.toString());
    CommandLineRun help = new CommandLineRun();

    assertThat(code).isEqualTo(2);
    assertThat(cli.stderr())
        .isEqualTo(
            "grader: --format must be one of auto, folders, gradescope, canvas, found 'moodle'\n");
    assertThat(help.run("grade", "--help")).isZero();
    assertThat(help.stdout())
        .contains("--format=FORMAT    How SUBMISSION and --batch inputs are read: auto (each");
  }
}
