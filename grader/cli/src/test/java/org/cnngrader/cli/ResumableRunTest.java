package org.cnngrader.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.cnngrader.AssignmentTotals;
import org.cnngrader.batch.RunLock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Running the same command again keeps every result graded under the same key (content, grader
 * build, fixtures, options) and grades only what changed, unless --force.
 */
class ResumableRunTest {

  private static final AssignmentTotals TOTALS = AssignmentTotals.repository();

  @TempDir Path temp;

  private Path batch;
  private Path out;

  @BeforeEach
  void threeSubmissions() throws IOException {
    batch = Files.createDirectories(temp.resolve("batch"));
    Path examples = CommandLineRun.home().resolve("fixtures/submissions");
    TestFiles.copyTree(examples.resolve("correct-loops"), batch.resolve("alice"));
    TestFiles.copyTree(examples.resolve("mistake-bias-missing"), batch.resolve("bob"));
    TestFiles.copyTree(examples.resolve("mistake-stride-ignored"), batch.resolve("carol"));
    out = temp.resolve("out");
  }

  private CommandLineRun grade(String... extra) {
    CommandLineRun cli = new CommandLineRun();
    String[] args = {"grade", "--batch", batch.toString(), "--out", out.toString(), "--jobs", "2"};
    String[] all = new String[args.length + extra.length];
    System.arraycopy(args, 0, all, 0, args.length);
    System.arraycopy(extra, 0, all, args.length, extra.length);
    int code = cli.run(all);
    assertThat(code).as(cli.stdout() + cli.stderr()).isZero();
    return cli;
  }

  /** When each submission was graded, by id. */
  private Map<String, String> gradedAt() throws IOException {
    Map<String, String> times = new TreeMap<>();
    for (String id : new String[] {"alice", "bob", "carol"}) {
      times.put(
          id,
          new ObjectMapper()
              .readTree(out.resolve(id).resolve("provenance.json").toFile())
              .get("graded_at")
              .asText());
    }
    return times;
  }

  @Test
  void theSameCommandAgainKeepsEveryResultAndTheGradebook() throws Exception {
    grade();
    Map<String, String> first = gradedAt();
    String gradebook = Files.readString(out.resolve("gradebook.csv"));

    CommandLineRun again = grade();

    assertThat(again.stdout())
        .contains(
            "Resuming: 3 of 3 submissions already graded in "
                + out
                + " by this grader build, on these fixtures, with these options: kept (--force"
                + " grades them again)")
        .contains("Nothing to grade: every submission's results were kept.")
        .containsPattern(
            "(?m)^alice +"
                + TOTALS.pointsText()
                + " +"
                + TOTALS.pointsText()
                + " +"
                + TOTALS.columns(" +")
                + " ")
        .containsPattern(
            "(?m)^bob +"
                + TOTALS.pointsTextLosing(TOTALS.lostToAMissingBias())
                + " +"
                + TOTALS.pointsText()
                + " +"
                + TOTALS.columns(" +", "conv2d", TOTALS.lostToAMissingBias())
                + " +\\d+\\.\\ds +conv2d/batch-3ch-4filters: forward");
    assertThat(gradedAt()).isEqualTo(first);
    assertThat(out.resolve("gradebook.csv")).hasContent(gradebook);
    assertThat(out.resolve(".staging")).doesNotExist();
  }

  @Test
  void aChangedSubmissionIsGradedAgainAndTheOthersAreKept() throws Exception {
    grade();
    Map<String, String> first = gradedAt();
    Path code = batch.resolve("bob/cnn/Conv2d.java");
    Files.writeString(code, Files.readString(code) + "\n// resubmitted\n");

    CommandLineRun again = grade();

    assertThat(again.stdout())
        .contains("Resuming: 2 of 3 submissions")
        .contains("Graded 1 of 1 submissions in ")
        .contains("; 2 kept from the earlier run.");
    Map<String, String> second = gradedAt();
    assertThat(second.get("alice")).isEqualTo(first.get("alice"));
    assertThat(second.get("carol")).isEqualTo(first.get("carol"));
    assertThat(second.get("bob")).isNotEqualTo(first.get("bob"));
  }

  @Test
  void anOptionThatChangesGradesOrForceGradesEverythingAgainOthersDoNot() throws Exception {
    grade();

    assertThat(grade("--heap", "256").stdout())
        .doesNotContain("Resuming")
        .contains("Graded 3 of 3 submissions");
    assertThat(grade("--heap", "256", "--sandbox", "auto").stdout())
        .contains("Resuming: 3 of 3 submissions");
    assertThat(grade("--heap", "256", "--force").stdout())
        .doesNotContain("Resuming")
        .contains("Graded 3 of 3 submissions");
  }

  @Test
  void aSecondRunIntoAFolderAnotherRunIsWritingToIsRefused() throws Exception {
    Files.createDirectories(out);
    CommandLineRun cli = new CommandLineRun();
    int code;
    RunLock held = RunLock.acquire(out);
    try {
      code = cli.run("grade", "--batch", batch.toString(), "--out", out.toString());
    } finally {
      held.close();
    }

    assertThat(code).isEqualTo(ExitCode.USAGE);
    assertThat(cli.stderr())
        .contains(
            "grader: another grader run is writing to "
                + out
                + "; wait for it to end, or choose another output folder");
    assertThat(out.resolve("alice")).doesNotExist();
  }
}
