package org.cnngrader.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A submission that throws, prints and names things at a million characters, graded as a TA grades
 * it: every file written stays within the budget docs/grading.md states for it, and says where it
 * cut.
 */
class BoundedOutputTest {

  private static final int KIB = 1024;

  /**
   * The budgets of docs/grading.md, "Bounded output": a fixed part and a part per graded part (the
   * assignment's, not the student's doing).
   */
  private static Map<String, Long> budgets(int parts) {
    Map<String, Long> budgets = new LinkedHashMap<>();
    budgets.put("results.json", 544_096L + 1_400L * parts);
    budgets.put("junit.xml", 604_096L + 4_624L * parts);
    budgets.put("report.md", 544_096L + 1_200L * parts);
    budgets.put("report.html", 1_908_192L + 1_900L * parts);
    budgets.put("provenance.json", 1_048_576L);
    return budgets;
  }

  /** A gradebook row's budget: its texts, and a number for each part. */
  private static final int ROW_BYTES = 8 * KIB;

  private static final int BYTES_PER_PART_COLUMN = 12;

  /** A line of the console's table. */
  private static final int CONSOLE_LINE = KIB;

  @TempDir Path temp;

  private final CommandLineRun cli = new CommandLineRun();

  /**
   * The correct example with the hostile Conv2d of the test resources, and a class whose name (and
   * file name) is as long as a file system allows, with a method of a long name that calls
   * System.exit, so that the static check quotes both.
   */
  private Path millionCharacters() throws Exception {
    Path submission = temp.resolve("million-characters");
    Path correct = CommandLineRun.home().resolve("fixtures/submissions/correct-loops");
    Files.createDirectories(submission.resolve("cnn"));
    try (Stream<Path> files = Files.list(correct.resolve("cnn"))) {
      for (Path file : files.toList()) {
        Files.copy(file, submission.resolve("cnn").resolve(file.getFileName()));
      }
    }
    Path hostile =
        Path.of(
            BoundedOutputTest.class
                .getResource("/hostile/million-characters/cnn/Conv2d.java")
                .toURI());
    Files.copy(hostile, submission.resolve("cnn/Conv2d.java"), StandardCopyOption.REPLACE_EXISTING);
    String type = "L" + "o".repeat(240) + "ng";
    String method = "m" + "e".repeat(240) + "thod";
    Files.writeString(
        submission.resolve("cnn/" + type + ".java"),
        "package cnn;\npublic class "
            + type
            + " {\n  static void "
            + method
            + "() {\n    System.exit(3);\n  }\n}\n");
    return submission;
  }

  @Test
  void everyFileOfAMillionCharacterSubmissionStaysWithinItsBudget() throws Exception {
    Path out = temp.resolve("out");

    int code = cli.run("grade", millionCharacters().toString(), "--out", out.toString());

    assertThat(code).as(cli.stderr()).isZero();
    Path folder = out.resolve("million-characters");
    JsonNode results = new ObjectMapper().readTree(folder.resolve("results.json").toFile());
    int parts = results.get("tests").size();
    for (Map.Entry<String, Long> budget : budgets(parts).entrySet()) {
      long size = Files.size(folder.resolve(budget.getKey()));
      System.out.printf("%s: %,d bytes (budget %,d)%n", budget.getKey(), size, budget.getValue());
      assertThat(size).as(budget.getKey()).isLessThanOrEqualTo(budget.getValue());
    }
    List<String> gradebook =
        Files.readAllLines(out.resolve("gradebook.csv"), StandardCharsets.UTF_8);
    System.out.printf(
        "gradebook.csv: %,d bytes; console: %,d bytes%n",
        Files.size(out.resolve("gradebook.csv")),
        cli.stdout().getBytes(StandardCharsets.UTF_8).length);
    assertThat(gradebook.get(1).getBytes(StandardCharsets.UTF_8).length)
        .isLessThanOrEqualTo(ROW_BYTES + BYTES_PER_PART_COLUMN * parts);
    assertThat(cli.stdout().lines())
        .allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(CONSOLE_LINE));
  }

  @Test
  void eachCutSaysHowMuchItLeftOut() throws Exception {
    Path out = temp.resolve("out");

    cli.run("grade", millionCharacters().toString(), "--out", out.toString());

    Path folder = out.resolve("million-characters");
    String results = Files.readString(folder.resolve("results.json"));
    // The message kept its first 947 characters (1,000 with the notice of the cut).
    assertThat(results)
        .contains(
            "forward threw java.lang.IllegalStateException: "
                + "m".repeat(947)
                + "… 999,053 more characters not shown")
        // What forward printed: the first 64 KiB of the public cases.
        .containsPattern("… [0-9]{2},[0-9]{3},[0-9]{3} more bytes of output not shown");
    String provenance = Files.readString(folder.resolve("provenance.json"));
    // The class's name and the method's, each cut to 200 characters.
    assertThat(provenance)
        .contains(
            "cnn.L" + "o".repeat(142) + "… 100 more characters not shown.m" + "e".repeat(146));
    assertThat(Files.readString(folder.resolve("junit.xml")))
        .contains("m".repeat(947) + "… 999,053 more characters not shown");
    String markdown = Files.readString(folder.resolve("report.md"));
    String html = Files.readString(folder.resolve("report.html"));
    // The large case's backward threw its input: Arrays.deepToString of 65,536 numbers.
    for (String report : List.of(markdown, html)) {
      assertThat(report)
          .containsPattern("backward threw java\\.lang\\.IllegalStateException: \\[\\[\\[\\[")
          .containsPattern("… [0-9]{3},[0-9]{3} more characters not shown");
    }
  }
}
