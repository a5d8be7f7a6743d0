package org.cnngrader.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.cnngrader.AssignmentTotals;
import org.cnngrader.handout.TempDirInBuildFolder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hidden cases stay with the TA: {@code grade --batch} on a folder of the students' cloned
 * Classroom repositories, as {@code git clone} (or GitHub Classroom's own download) leaves them.
 */
class ClassroomClonesTest {

  private static final AssignmentTotals TOTALS = AssignmentTotals.repository();

  @TempDir(factory = TempDirInBuildFolder.class)
  Path temp;

  /** A student's repository: the template, their layers, git's data and a build's output. */
  private Path clone(Path template, Path batch, String name, String example) throws Exception {
    Path clone = batch.resolve(name);
    TestFiles.copyTree(template, clone);
    for (String layer :
        List.of(
            "Conv2d.java", "MaxPool2d.java", "SpatialBatchNorm.java", "SpatialGroupNorm.java")) {
      Files.copy(
          CommandLineRun.home()
              .resolve("fixtures/submissions")
              .resolve(example)
              .resolve("cnn/" + layer),
          clone.resolve("src/main/java/cnn").resolve(layer),
          StandardCopyOption.REPLACE_EXISTING);
    }
    String broken = "package cnn; public class Conv2d { this does not compile }\n";
    Files.writeString(
        Files.createDirectories(clone.resolve(".git/objects/ab")).resolve("Conv2d.java"), broken);
    Files.writeString(clone.resolve(".git/HEAD"), "ref: refs/heads/main\n");
    Files.writeString(
        Files.createDirectories(clone.resolve("target/generated-sources/cnn"))
            .resolve("Conv2d.java"),
        broken);
    Files.write(
        Files.createDirectories(clone.resolve("target/classes/cnn")).resolve("Conv2d.class"),
        new byte[] {(byte) 0xCA, (byte) 0xFE});
    Files.writeString(
        Files.createDirectories(clone.resolve("target/classroom")).resolve("conv2d.json"),
        "{\"status\":\"pass\"}");
    return clone;
  }

  @Test
  void eachRepositoryIsOneSubmissionGradedOnItsOwnLayersAlone() throws Exception {
    Path template = temp.resolve("template");
    CommandLineRun classroom = new CommandLineRun();
    assertThat(classroom.run("classroom", "--out", template.toString()))
        .as(classroom.stderr())
        .isZero();
    Path batch = Files.createDirectories(temp.resolve("hw3-submissions"));
    clone(template, batch, "hw3-alice", "mistake-bias-missing");
    clone(template, batch, "hw3-bob", "correct-loops");
    Path out = temp.resolve("results");
    CommandLineRun cli = new CommandLineRun();

    int code = cli.run("grade", "--batch", batch.toString(), "--out", out.toString());

    assertThat(code).as(cli.stderr()).isZero();
    assertThat(cli.stdout()).contains("Read " + batch + " as a folder of 2 submissions.");
    ObjectMapper json = new ObjectMapper();
    // Hidden cases too: every point of the assignment. The check's sources, git's data and target/
    // are not
    // the student's code: none of them is compiled.
    assertThat(json.readTree(out.resolve("hw3-bob/results.json").toFile()).get("score").asDouble())
        .isEqualTo(TOTALS.points());
    assertThat(
            json.readTree(out.resolve("hw3-alice/results.json").toFile()).get("score").asDouble())
        .isEqualTo(TOTALS.points() - TOTALS.lostToAMissingBias().points());
    assertThat(
            Files.readAllLines(out.resolve("gradebook.csv")).stream()
                .skip(1)
                .map(l -> l.substring(0, l.indexOf(','))))
        .containsExactly("hw3-alice", "hw3-bob");
  }
}
