package org.cnngrader.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.cnngrader.TestSandbox;
import org.cnngrader.files.FileTrees;
import org.cnngrader.sandbox.SandboxLevel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * PrairieLearn's job folder as its {@code buildDirectory} ({@code
 * apps/prairielearn/src/lib/externalGraderCommon.ts}) lays it out: the course's files under
 * serverFilesCourse/ (this grader's bundle) and again under shared/, the question's tests/ (here
 * with a copy of the hidden fixtures), data/data.json and the student's files, every file as
 * readable as the course's repository made it. A hand-in then searches the file system for a value
 * only a hidden fixture holds: its own classes, the folder around the job, then everything from
 * {@code /}, reading every file it may.
 */
class PrairieLearnJobFolderTest {

  /**
   * The report the hand-in throws: how many files it read, then a line per file with the marker.
   */
  private static final Pattern REPORT = Pattern.compile("search: read \\d+ files");

  private static final Pattern FOUND = Pattern.compile("(?m)^marker in: (.*)$");

  @TempDir Path temp;

  /**
   * Outside /tmp, as /grade is: a level-2 child has a /tmp of its own; in /var/tmp, which it
   * shares.
   */
  private Path neighbourhood;

  @AfterEach
  void removeTheJobFolder() throws IOException {
    if (neighbourhood != null) {
      FileTrees.delete(neighbourhood);
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = SandboxLevel.class,
      names = {"BWRAP", "USER"})
  void studentCodeFindsNoCopyOfTheHiddenFixturesAnywhereInTheJobFolder(SandboxLevel level)
      throws Exception {
    TestSandbox.level(level);
    String marker = "hidden-marker-" + UUID.randomUUID();
    Path fixtures = fixturesWithMarker(marker);
    // At level 2 (as root), at the top of the file system as PrairieLearn's /grade is, where
    // every user may pass: the repository's own folder is closed to other users once a test has
    // graded there, and the folders all users may write to are private to each child.
    neighbourhood =
        level == SandboxLevel.USER
            ? Files.createTempDirectory(Path.of("/"), "pl-job-")
            : Files.createDirectories(
                Path.of(System.getProperty("user.dir"), "target", "pl-job-" + UUID.randomUUID()));
    Path canary = Files.writeString(neighbourhood.resolve("canary.txt"), marker);
    Path root = jobFolder(neighbourhood.resolve("grade"), fixtures, marker);
    openAsACourseRepositoryIs(neighbourhood);

    PrairieLearnRunTest.Run run =
        PrairieLearnRunTest.run(
            root.resolve("serverFilesCourse/cnn-grader"),
            root,
            Path.of(System.getProperty("java.home")),
            // Each child JVM searches again: more time than run's default 100 s.
            Map.of("GRADER_SANDBOX", level.key(), "GRADER_TIME_LIMIT", "240"));

    assertThat(run.exitCode()).as(run.output()).isZero();
    assertThat(run.results().get("gradable").asBoolean())
        .as(run.results().path("format_errors").toString())
        .isTrue();
    List<String> found = foundBy(run.results(), run.output());
    // The search works: it finds the marker in the hand-in's own class, and at level 2, where the
    // folder around the job is there to read, in the canary beside the job folder.
    assertThat(found).as(run.output()).contains("own class");
    if (level == SandboxLevel.USER) {
      assertThat(found).as(run.output()).contains("canary");
      assertThat(canary).isReadable();
    }
    assertThat(found).as(run.output()).allMatch(f -> f.equals("own class") || f.equals("canary"));
  }

  /** The repository's fixtures, with {@code marker} in a hidden fixture's description. */
  private Path fixturesWithMarker(String marker) throws IOException {
    Path fixtures = temp.resolve("fixtures");
    TestFiles.copyTree(CommandLineRun.home().resolve("fixtures"), fixtures);
    Path hidden = fixtures.resolve("conv2d/hidden/lesson-5x5-s1-p1-hidden.json");
    String text = Files.readString(hidden);
    String marked =
        text.replace(
            "\"description\" : \"The lesson's padding 1, stride 1, other values\"",
            "\"description\" : \"" + marker + "\"");
    assertThat(marked).isNotEqualTo(text);
    Files.writeString(hidden, marked);
    return fixtures;
  }

  /** The folder PrairieLearn mounts at /grade for one job. */
  private Path jobFolder(Path root, Path fixtures, String marker) throws Exception {
    Path bundle = root.resolve("serverFilesCourse/cnn-grader");
    CommandLineRun cli = new CommandLineRun();
    assertThat(
            cli.run("prairielearn", "--out", bundle.toString(), "--fixtures", fixtures.toString()))
        .as(cli.stderr())
        .isZero();
    // buildDirectory copies serverFilesCourse/ to shared/ too (deprecated, still done).
    TestFiles.copyTree(root.resolve("serverFilesCourse"), root.resolve("shared"));
    TestFiles.copyTree(fixtures.resolve("conv2d/hidden"), root.resolve("tests/hidden"));
    Files.createDirectories(root.resolve("data"));
    Files.writeString(root.resolve("data/data.json"), "{\"params\":{}}");
    Path student = Files.createDirectories(root.resolve("student"));
    Path example = CommandLineRun.home().resolve("fixtures/submissions/correct-loops/cnn");
    try (Stream<Path> files = Files.list(example)) {
      for (Path file : files.toList()) {
        Files.copy(file, student.resolve(file.getFileName()));
      }
    }
    Files.writeString(student.resolve("Conv2d.java"), searchingConv2d(marker));
    return root;
  }

  /**
   * Modes as a course's repository has them and PrairieLearn's copy keeps them: folders 755, files
   * 644, run 755.
   */
  private static void openAsACourseRepositoryIs(Path folder) throws IOException {
    try (Stream<Path> paths = Files.walk(folder)) {
      for (Path path : paths.toList()) {
        boolean executable = Files.isDirectory(path) || path.getFileName().toString().equals("run");
        Files.setPosixFilePermissions(
            path, PosixFilePermissions.fromString(executable ? "rwxr-xr-x" : "rw-r--r--"));
      }
    }
  }

  /**
   * A Conv2d whose forward searches the file system for {@code marker} and throws what it found:
   * its own classes' folder, then the folder around the job, then {@code /} for two seconds (every
   * file of up to 1 MB; the hidden fixture with the marker has 7 KB).
   */
  private String searchingConv2d(String marker) {
    String around = neighbourhood.toString().replace("\\", "\\\\");
    return """
        package cnn;

        import java.io.IOException;
        import java.nio.charset.StandardCharsets;
        import java.nio.file.FileVisitResult;
        import java.nio.file.Files;
        import java.nio.file.Path;
        import java.nio.file.SimpleFileVisitor;
        import java.nio.file.attribute.BasicFileAttributes;
        import java.util.Set;
        import java.util.TreeSet;

        public class Conv2d {
          private static final String MARKER = "%1$s";
          private static final String AROUND = "%2$s";
          private static int read;
          private static String report;

          public Conv2d(int stride, int pad) {}

          public double[][][][] forward(double[][][][] x, double[][][][] w, double[] b) {
            // Once per JVM: every case would search again.
            if (report == null) {
              report = search();
            }
            throw new IllegalStateException(report);
          }

          public Gradients backward(double[][][][] dout) {
            throw new IllegalStateException("not reached");
          }

          private static String search() {
            Set<String> found = new TreeSet<>();
            boolean finished = true;
            try {
              Path own = Path.of(Conv2d.class.getProtectionDomain().getCodeSource().getLocation().toURI());
              walk(own, found, Long.MAX_VALUE);
            } catch (Exception e) {
              found.add("no own classes: " + e);
            }
            walk(Path.of(AROUND), found, Long.MAX_VALUE);
            finished = walk(Path.of("/"), found, System.nanoTime() + 2_000_000_000L);
            return "search: read " + read + " files" + (finished ? "" : " (stopped at the time limit)")
                + found.stream().map(f -> "\\nmarker in: " + f).collect(java.util.stream.Collectors.joining());
          }

          private static boolean walk(Path start, Set<String> found, long deadline) {
            boolean[] finished = {true};
            try {
              Files.walkFileTree(start, new SimpleFileVisitor<Path>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                  String name = dir.toString();
                  if (name.equals("/proc") || name.equals("/sys") || name.equals("/dev")) {
                    return FileVisitResult.SKIP_SUBTREE;
                  }
                  if (System.nanoTime() > deadline) {
                    finished[0] = false;
                    return FileVisitResult.TERMINATE;
                  }
                  return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                  if (System.nanoTime() > deadline) {
                    finished[0] = false;
                    return FileVisitResult.TERMINATE;
                  }
                  if (attrs.isRegularFile() && attrs.size() <= 1_000_000) {
                    try {
                      String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                      read++;
                      if (text.contains(MARKER)) {
                        String where = file.toString();
                        found.add(where.contains("/cnn/Conv2d") && where.endsWith(".class") ? "own class"
                            : where.equals(AROUND + "/canary.txt") ? "canary" : where);
                      }
                    } catch (IOException | RuntimeException e) {
                      // Not readable to this user: on to the next.
                    }
                  }
                  return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                  return FileVisitResult.CONTINUE;
                }
              });
            } catch (IOException | RuntimeException e) {
              // A start that is not there.
            }
            return finished[0];
          }
        }
        """
        .formatted(marker, around);
  }

  /** Where the hand-in found the marker, from the report its forward threw on a public case. */
  private static List<String> foundBy(JsonNode results, String log) {
    for (JsonNode test : results.get("tests")) {
      String feedback = test.path("message").asText() + "\n" + test.path("output").asText();
      if (REPORT.matcher(feedback).find()) {
        List<String> found = new ArrayList<>();
        Matcher matcher = FOUND.matcher(feedback);
        while (matcher.find()) {
          found.add(matcher.group(1));
        }
        return found;
      }
    }
    throw new AssertionError("no public test's message holds the search's report; " + log);
  }
}
