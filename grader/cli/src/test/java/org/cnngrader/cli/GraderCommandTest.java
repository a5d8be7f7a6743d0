package org.cnngrader.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.cnngrader.AssignmentTotals;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line as a TA uses it: exit codes, messages on stderr, the table on stdout, files on
 * disk.
 */
class GraderCommandTest {

  private static final AssignmentTotals TOTALS = AssignmentTotals.repository();

  @TempDir Path temp;

  private final CommandLineRun cli = new CommandLineRun();

  private static Path example(String name) {
    return CommandLineRun.home().resolve("fixtures/submissions").resolve(name);
  }

  private static JsonNode json(Path file) throws IOException {
    return new ObjectMapper().readTree(file.toFile());
  }

  @Test
  void gradesACorrectSubmissionToFullMarksAndPrintsTheTable() throws Exception {
    int code = cli.run("grade", example("correct-loops").toString(), "--out", temp.toString());

    assertThat(code).isZero();
    JsonNode results = json(temp.resolve("correct-loops/results.json"));
    assertThat(results.get("score").asDouble())
        .isEqualTo(results.get("max_score").asDouble())
        .isPositive();
    JsonNode cost = json(temp.resolve("correct-loops/provenance.json")).get("score");
    // What each layer's cases were charged: every layer of the assignment, each something.
    assertThat(cost.get("case_cpu_ms_by_layer").fieldNames())
        .toIterable()
        .containsExactly("conv2d", "maxpool2d", "spatial_batchnorm", "spatial_groupnorm");
    cost.get("case_cpu_ms_by_layer").forEach(ms -> assertThat(ms.asLong()).isPositive());
    assertThat(cli.stdout())
        .containsPattern(
            "(?m)^correct-loops\\s+"
                + TOTALS.pointsText()
                + "\\s+"
                + TOTALS.pointsText()
                + "\\s+"
                + TOTALS.columns("\\s+")
                + " ");
    assertThat(withoutSandboxNotes(cli.stderr())).isEmpty();
  }

  /**
   * stderr without what the sandbox level of the machine adds: notes on folders made private at
   * level 2, the warning that student code can read the hidden fixtures at level 3.
   */
  static java.util.List<String> withoutSandboxNotes(String stderr) {
    return stderr
        .lines()
        .filter(line -> !line.startsWith("grader: note: took other users' access from "))
        .filter(line -> !line.startsWith("grader: warning: student code could read "))
        .toList();
  }

  @Test
  void gradesATypicalMistakeLowerWithFeedbackThatSaysWhatIsWrong() throws Exception {
    int code =
        cli.run("grade", example("mistake-padding-ignored").toString(), "--out", temp.toString());

    assertThat(code).isZero();
    JsonNode results = json(temp.resolve("mistake-padding-ignored/results.json"));
    assertThat(results.get("score").asDouble()).isLessThan(results.get("max_score").asDouble());
    assertThat(results.get("tests").findValuesAsText("output"))
        .contains(
            """
            ```text
            out should have shape [N, F, H', W'] = [1, 1, 5, 5], but was [1, 1, 3, 3]:
            - output height should be (H - HH + 2*pad)/stride + 1 = (5 - 3 + 2*1)/1 + 1 = 5, but was 3
            - output width should be (W - WW + 2*pad)/stride + 1 = (5 - 3 + 2*1)/1 + 1 = 5, but was 3
            ```

            - **Likely mistake:** the padding was ignored: H' = 3 = H - HH + 1 = 5 - 3 + 1 and W' =\
             3 = W - WW + 1 = 5 - 3 + 1 are the sizes without padding; pad = 1 adds 1 zero on each\
             side, so the input grows by 2\\*pad = 2: (H - HH + 2\\*pad)/stride + 1\
             (explains all %d failing cases)
            """
                .formatted(failingCases(results)));
  }

  /** The cases of a Gradescope results.json with a test that lost points. */
  private static long failingCases(JsonNode results) {
    return java.util.stream.StreamSupport.stream(results.get("tests").spliterator(), false)
        .filter(t -> t.get("score").asDouble() < t.get("max_score").asDouble())
        .map(t -> t.get("name").asText().substring(0, t.get("name").asText().indexOf(':')))
        .distinct()
        .count();
  }

  @Test
  void givesClashingIdsASuffixAndWarns() throws Exception {
    Path first = copy(example("correct-loops"), temp.resolve("a/alice"));
    Path second = copy(example("mistake-bias-missing"), temp.resolve("b/alice"));
    Path results = temp.resolve("results");

    int code = cli.run("grade", first.toString(), second.toString(), "--out", results.toString());

    assertThat(code).isZero();
    assertThat(withoutSandboxNotes(cli.stderr()))
        .containsExactly(
            "grader: warning: two submissions would have the id 'alice': "
                + first
                + " is graded as 'alice', "
                + second
                + " as 'alice-2'");
    assertThat(json(results.resolve("alice/results.json")).get("score").asDouble())
        .isEqualTo(TOTALS.points());
    assertThat(json(results.resolve("alice-2/results.json")).get("score").asDouble())
        .isLessThan(TOTALS.points());
  }

  @Test
  void aFolderWithoutJavaFilesScoresZeroAndGradingGoesOn() throws Exception {
    Path empty = Files.createDirectories(temp.resolve("bob"));
    Files.writeString(empty.resolve("answer.txt"), "see attached");

    int code =
        cli.run(
            "grade",
            empty.toString(),
            example("correct-loops").toString(),
            "--out",
            temp.resolve("r").toString());

    assertThat(code).isZero();
    JsonNode results = json(temp.resolve("r/bob/results.json"));
    assertThat(results.get("score").asDouble()).isZero();
    assertThat(results.get("tests").get(0).get("output").asText())
        .isEqualTo(
            "```text\nnot graded: no .java file was handed in: only answer.txt in bob/\n```\n");
    assertThat(temp.resolve("r/correct-loops/results.json")).exists();
  }

  @Test
  void helpListsEveryCommandAndASubcommandNamedFirstRunsWithItsParentsSettings() {
    // A run builds only the command its first argument names; without one, help needs them all.
    assertThat(cli.run("--help")).isZero();
    assertThat(cli.stdout())
        .contains("Usage: grader [-hV] [COMMAND]")
        .contains("  grade  ", "  demo  ", "  fixtures  ", "  layers  ", "  merge  ", "  export  ")
        .contains(
            "  similarity  ", "  handout  ", "  template  ", "  classroom  ", "  gradescope  ")
        .contains("  prairielearn  ");

    assertThat(cli.run()).isEqualTo(2);
    assertThat(cli.stderr())
        .startsWith(
            "grader: missing command (grade, demo, fixtures, layers, merge, export, similarity,"
                + " handout, template, classroom, gradescope or prairielearn)\n");

    assertThat(cli.run("fixtures", "verify", "--help")).isZero();
    assertThat(cli.stdout()).contains("Usage: grader fixtures verify ");

    assertThat(cli.run("grade", "--jobs", "x")).isEqualTo(2);
    assertThat(cli.stderr())
        .endsWith("Run 'grader grade --help' for the options.\n")
        .contains("grader: Invalid value for option '--jobs'");

    assertThat(cli.run("gradee")).isEqualTo(2);
    assertThat(cli.stderr()).contains("grader: Unmatched argument at index 0: 'gradee'");
  }

  @Test
  void aMissingSubmissionFolderIsAUsageError() {
    int code = cli.run("grade", temp.resolve("nobody").toString(), "--out", temp.toString());

    assertThat(code).isEqualTo(2);
    assertThat(cli.stderr())
        .isEqualTo("grader: submission not found: " + temp.resolve("nobody") + "\n");
  }

  @Test
  void aFileGivenAsSubmissionOrOutputIsAUsageError() throws Exception {
    Path file = Files.writeString(temp.resolve("notes.txt"), "x");

    assertThat(cli.run("grade", file.toString(), "--out", temp.resolve("r").toString()))
        .isEqualTo(2);
    assertThat(cli.run("grade", example("correct-loops").toString(), "--out", file.toString()))
        .isEqualTo(2);

    assertThat(cli.stderr())
        .isEqualTo(
            "grader: submission "
                + file
                + " is a file, not a folder or a .zip\n"
                + "grader: --out "
                + file
                + " is a file, not a folder\n");
  }

  @Test
  void proportionalCreditFromTheCommandLineGivesPartOfAPartsPointsAndSaysSo() throws Exception {
    int code =
        cli.run(
            "grade",
            example("mistake-dx-overwritten").toString(),
            "--out",
            temp.toString(),
            "--credit",
            "proportional");

    assertThat(code).isZero();
    JsonNode results = json(temp.resolve("mistake-dx-overwritten/results.json"));
    // Every point lost is a dx part's share of elements off, as its feedback says.
    double lost = 0;
    java.util.regex.Pattern share =
        java.util.regex.Pattern.compile(
            "\n\\d+ of \\d+ elements within tolerance: ([0-9.]+) of ([0-9.]+) points?"
                + " \\(proportional credit\\)\n");
    for (String output : results.get("tests").findValuesAsText("output")) {
      java.util.regex.Matcher m = share.matcher(output);
      if (m.find()) {
        lost += Double.parseDouble(m.group(2)) - Double.parseDouble(m.group(1));
      }
    }
    assertThat(lost).isPositive();
    assertThat(results.get("score").asDouble())
        .isCloseTo(TOTALS.points() - lost, org.assertj.core.data.Offset.offset(1e-6));
    assertThat(results.get("tests").findValuesAsText("output"))
        .anyMatch(
            output ->
                output.contains(
                    "\n96 of 150 elements within tolerance: 1.28 of 2 points (proportional"
                        + " credit)\n"));
    assertThat(
            json(temp.resolve("mistake-dx-overwritten/provenance.json"))
                .get("options")
                .get("credit")
                .asText())
        .isEqualTo("proportional");
  }

  @Test
  void anUnknownCreditModeIsAUsageError() {
    int code =
        cli.run(
            "grade",
            example("correct-loops").toString(),
            "--out",
            temp.toString(),
            "--credit",
            "half");

    assertThat(code).isEqualTo(2);
    assertThat(cli.stderr())
        .isEqualTo("grader: --credit must be all-or-nothing or proportional, found half\n");
  }

  @Test
  void aNonPositiveTimeLimitIsAUsageErrorThatNamesTheOption() {
    int code =
        cli.run(
            "grade",
            example("correct-loops").toString(),
            "--out",
            temp.toString(),
            "--call-timeout",
            "-1");

    assertThat(code).isEqualTo(2);
    assertThat(cli.stderr())
        .isEqualTo(
            "grader: --call-timeout must be a number of seconds above 0 and at most 3600, found -1\n");
  }

  @Test
  void noCommandIsAUsageErrorOnStderr() {
    assertThat(cli.run()).isEqualTo(2);

    assertThat(cli.stderr())
        .startsWith(
            "grader: missing command (grade, demo, fixtures, layers, merge, export, similarity, handout, template, classroom, gradescope or prairielearn)\nUsage: grader");
    assertThat(cli.stdout()).isEmpty();
  }

  @Test
  void theTableNamesWhyASubmissionDoesNotCompile() throws Exception {
    Path broken = Files.createDirectories(temp.resolve("carol/cnn"));
    Files.writeString(
        broken.resolve("Conv2d.java"), "package cnn;\npublic class Conv2d {\n  int x = 1\n}\n");

    cli.run("grade", broken.getParent().toString(), "--out", temp.resolve("r").toString());

    assertThat(cli.stdout())
        .containsPattern("(?m)^carol .* does not compile: cnn/Conv2d.java:3: error: ';' expected$");
  }

  @Test
  void anUnknownOptionIsAUsageError() {
    assertThat(cli.run("grade", "x", "--out", "y", "--frobnicate")).isEqualTo(2);
    assertThat(cli.stderr()).contains("Unknown option: '--frobnicate'");
  }

  @Test
  void aBrokenFixtureIsAUsageErrorThatNamesFileAndField() throws Exception {
    Path fixtures = temp.resolve("fixtures");
    Path folder = Files.createDirectories(fixtures.resolve("conv2d/public"));
    Files.writeString(folder.resolve("x.json"), "{\"layer\": \"conv2d\", \"name\": \"x\"}");

    int code =
        cli.run(
            "grade",
            example("correct-loops").toString(),
            "--out",
            temp.resolve("r").toString(),
            "--fixtures",
            fixtures.toString());

    assertThat(code).isEqualTo(2);
    assertThat(cli.stderr())
        .isEqualTo("grader: " + folder.resolve("x.json") + ": params: is missing\n");
    assertThat(temp.resolve("r")).doesNotExist();
  }

  @Test
  void helpListsTheExitCodes() {
    assertThat(cli.run("--help")).isZero();

    assertThat(cli.stdout())
        .contains("Exit codes:")
        .contains("0   grading ran (whatever the scores); fixtures verified")
        .contains("3   fixtures verify found a fixture that disagrees with ND4J");
  }

  @Test
  void verifyPassesOnTheRepositorysFixtures() {
    assertThat(cli.run("fixtures", "verify")).isZero();

    assertThat(cli.stdout())
        .containsPattern(
            "(?m)^ok    .*lesson-worked-example.json \\(largest difference/bound [0-9.e-]+\\)$")
        .containsPattern(
            TOTALS.cases()
                + " of "
                + TOTALS.cases()
                + " fixture files agree with ND4J within the rounding bounds of their sums"
                + " \\(largest difference/bound [0-9.e-]+, in .*\\.json\\)");
  }

  /**
   * A TA's fixture from PyTorch: it verifies with a note, grades a correct submission to full marks
   * and a wrong one without a diagnosis, until {@code fixtures complete} adds the references that
   * name the mistake.
   */
  @Test
  void aFixtureFromPyTorchVerifiesGradesAndIsCompletedForDiagnosis() throws Exception {
    Path root = copy(CommandLineRun.home().resolve("fixtures/pytorch"), temp.resolve("pytorch"));
    Path file = root.resolve("conv2d/public/cs231n-conv-naive.json");

    assertThat(cli.run("fixtures", "verify", root.toString())).isZero();
    assertThat(cli.stdout())
        .contains("note  " + file + ": stores no diagnosis references (no \"mistakes\")")
        .contains("1 of 1 fixture files agree with ND4J");

    int graded =
        cli.run(
            "grade",
            example("correct-loops").toString(),
            example("mistake-flipped-kernel").toString(),
            "--fixtures",
            root.toString(),
            "--out",
            temp.resolve("before").toString());
    assertThat(graded).isZero();
    assertThat(cli.stdout()).containsPattern("(?m)^correct-loops\\s+8\\s+8\\s+8/8\\s+5/5 ");
    assertThat(Files.readString(temp.resolve("before/mistake-flipped-kernel/results.json")))
        .contains("out is wrong")
        .doesNotContain("Likely mistake");

    CommandLineRun completing = new CommandLineRun();
    assertThat(completing.run("fixtures", "complete", root.toString())).isZero();
    assertThat(completing.stdout())
        .isEqualTo("added " + file + " (10 mistakes' references)\n1 fixture file completed\n");
    cli.run(
        "grade",
        example("mistake-flipped-kernel").toString(),
        "--fixtures",
        root.toString(),
        "--out",
        temp.resolve("after").toString());
    assertThat(Files.readString(temp.resolve("after/mistake-flipped-kernel/results.json")))
        .contains("**Likely mistake:** the kernel is flipped");
  }

  @Test
  void completeNeedsAFolderAndSaysSo() {
    assertThat(cli.run("fixtures", "complete", temp.resolve("missing").toString())).isEqualTo(2);
    assertThat(cli.stderr())
        .isEqualTo("grader: fixtures folder not found: " + temp.resolve("missing") + "\n");
  }

  @Test
  void verifyFailsWithExitCode3OnATamperedFixture() throws Exception {
    Path root = temp.resolve("fx");
    Path folder = Files.createDirectories(root.resolve("conv2d/public"));
    String text =
        Files.readString(
            CommandLineRun.home().resolve("fixtures/conv2d/public/lesson-worked-example.json"));
    Files.writeString(folder.resolve("lesson-worked-example.json"), text.replace("108.0", "107.0"));

    int code = cli.run("fixtures", "verify", root.toString());

    assertThat(code).isEqualTo(3);
    assertThat(cli.stderr())
        .startsWith(
            "FAIL  "
                + folder.resolve("lesson-worked-example.json")
                + ": expected.out[0][0][1][1]: stored 107.0, ND4J gives 108.0");
  }

  @Test
  void generateWritesFixturesFromACaseList() throws Exception {
    Path list = temp.resolve("cases.json");
    Files.writeString(
        list,
        "{\"cases\": [{\"name\": \"tiny\", \"visibility\": \"hidden\", \"n\": 1, \"c\": 2, \"h\": 4, \"w\": 4,"
            + " \"f\": 1, \"hh\": 2, \"ww\": 2, \"stride\": 2, \"pad\": 0, \"seed\": 7}]}");

    int code =
        cli.run(
            "fixtures",
            "generate",
            "--cases",
            list.toString(),
            "--layer",
            "conv2d",
            "--out",
            temp.resolve("fx").toString());

    assertThat(code).isZero();
    assertThat(
            json(temp.resolve("fx/conv2d/hidden/tiny.json"))
                .get("expected")
                .get("out")
                .get("shape")
                .toString())
        .isEqualTo("[1,1,2,2]");
    assertThat(cli.run("fixtures", "verify", temp.resolve("fx").toString())).isZero();
  }

  @Test
  void demoGradesEveryExample() throws Exception {
    int code = cli.run("demo", "--out", temp.toString());

    assertThat(code).isZero();
    try (Stream<Path> examples =
        Files.list(CommandLineRun.home().resolve("fixtures/submissions"))) {
      examples
          .filter(Files::isDirectory)
          .forEach(e -> assertThat(cli.stdout()).contains(e.getFileName().toString()));
    }
    assertThat(cli.stdout())
        .containsPattern(
            "(?m)^correct-im2col\\s+" + TOTALS.pointsText() + "\\s+" + TOTALS.pointsText());
  }

  private static Path copy(Path from, Path to) throws IOException {
    try (Stream<Path> paths = Files.walk(from)) {
      for (Path path : paths.toList()) {
        Path target = to.resolve(from.relativize(path).toString());
        if (Files.isDirectory(path)) {
          Files.createDirectories(target);
        } else {
          Files.copy(path, target);
        }
      }
    }
    return to;
  }

  @Test
  void everyRunWritesReportsPerSubmissionAndTheGradebookAndIndex() throws Exception {
    int code =
        cli.run(
            "grade",
            example("correct-loops").toString(),
            example("mistake-bias-missing").toString(),
            "--out",
            temp.toString());

    assertThat(code).isZero();
    for (String id : new String[] {"correct-loops", "mistake-bias-missing"}) {
      for (String file : new String[] {"junit.xml", "report.md", "report.html"}) {
        assertThat(temp.resolve(id).resolve(file)).isNotEmptyFile();
      }
    }
    assertThat(Files.readAllLines(temp.resolve("gradebook.csv")))
        .hasSize(3)
        .satisfies(
            lines ->
                assertThat(lines.get(1))
                    .startsWith("correct-loops,,,,,graded," + TOTALS.gradebookScores(false)))
        .satisfies(
            lines ->
                assertThat(lines.get(2))
                    .startsWith("mistake-bias-missing,,,,,graded," + TOTALS.gradebookScores(true)));
    assertThat(Files.readString(temp.resolve("index.html")))
        .contains("href=\"correct-loops/report.html\"");
    assertThat(cli.stdout())
        .contains("Reports: " + temp.toAbsolutePath().resolve("index.html"))
        .doesNotContain("\u001b[");
  }
}
