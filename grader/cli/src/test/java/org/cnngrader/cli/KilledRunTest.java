package org.cnngrader.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A grader killed with SIGKILL midway, then run again with the same command, ends with the
 * gradebook of a run never interrupted: nothing lost, nothing graded twice.
 */
class KilledRunTest {

  private static final int SUBMISSIONS = 8;

  @TempDir Path temp;

  private Path batch() throws IOException {
    Path batch = Files.createDirectories(temp.resolve("batch"));
    List<Path> examples;
    try (Stream<Path> list = Files.list(CommandLineRun.home().resolve("fixtures/submissions"))) {
      examples = list.filter(Files::isDirectory).sorted().toList();
    }
    for (int i = 0; i < SUBMISSIONS; i++) {
      TestFiles.copyTree(examples.get(i % examples.size()), batch.resolve("s" + i));
    }
    return batch;
  }

  private static String[] grade(Path batch, Path out) {
    return new String[] {
      "grade", "--batch", batch.toString(), "--out", out.toString(), "--jobs", "1"
    };
  }

  /** Submission folders with results, and when each was graded. */
  private static Map<String, String> graded(Path out) throws IOException {
    Map<String, String> times = new TreeMap<>();
    for (int i = 0; i < SUBMISSIONS; i++) {
      Path provenance = out.resolve("s" + i).resolve("provenance.json");
      if (Files.isRegularFile(provenance)) {
        times.put(
            "s" + i, new ObjectMapper().readTree(provenance.toFile()).get("graded_at").asText());
      }
    }
    return times;
  }

  @Test
  void killedMidBatchAndRunAgainGivesTheGradebookOfAnUninterruptedRun() throws Exception {
    Path batch = batch();
    Path whole = temp.resolve("whole");
    CommandLineRun uninterrupted = new CommandLineRun();
    assertThat(uninterrupted.run(grade(batch, whole))).as(uninterrupted.stderr()).isZero();

    Path out = temp.resolve("killed");
    Process grader = startGrader(grade(batch, out));
    Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
    while (graded(out).size() < 2 && grader.isAlive() && Instant.now().isBefore(deadline)) {
      Thread.sleep(50);
    }
    List<ProcessHandle> children = grader.descendants().toList();
    grader.destroyForcibly(); // SIGKILL
    assertThat(grader.waitFor(30, TimeUnit.SECONDS)).isTrue();
    children.forEach(ProcessHandle::destroyForcibly);
    Map<String, String> beforeKill = graded(out);
    assertThat(beforeKill.size()).as("graded before the kill").isBetween(2, SUBMISSIONS - 1);

    CommandLineRun rerun = new CommandLineRun();
    assertThat(rerun.run(grade(batch, out))).as(rerun.stderr()).isZero();

    assertThat(rerun.stdout())
        .contains("Resuming: " + beforeKill.size() + " of " + SUBMISSIONS + " submissions")
        .contains(
            "Graded "
                + (SUBMISSIONS - beforeKill.size())
                + " of "
                + (SUBMISSIONS - beforeKill.size())
                + " submissions");
    Map<String, String> after = graded(out);
    assertThat(after).hasSize(SUBMISSIONS).containsAllEntriesOf(beforeKill);
    assertThat(out.resolve("gradebook.csv"))
        .hasSameTextualContentAs(whole.resolve("gradebook.csv"));
    assertThat(out.resolve(".staging")).doesNotExist();
  }

  /** The grader's command line in a JVM of its own, as the launcher starts it. */
  private static Process startGrader(String... args) throws IOException {
    List<String> command =
        new java.util.ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dgrader.home=" + CommandLineRun.home(),
                "-cp",
                System.getProperty("java.class.path"),
                GraderMain.class.getName()));
    command.addAll(List.of(args));
    return new ProcessBuilder(command)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectError(ProcessBuilder.Redirect.DISCARD)
        .start();
  }
}
