package org.cnngrader.grading;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.cnngrader.SubmissionFolder;
import org.cnngrader.TestRepository;
import org.cnngrader.execution.Limits;
import org.cnngrader.feedback.FeedbackWriter;
import org.cnngrader.fixture.FixtureSet;
import org.cnngrader.layer.Part;
import org.cnngrader.layers.conv2d.Conv2dLayer;
import org.cnngrader.sandbox.OtherUser;
import org.cnngrader.sandbox.Sandbox;
import org.cnngrader.sandbox.SandboxLevel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Submissions that attack the grader rather than fail the assignment. For each: the grader
 * completes, the parts the attack affects get 0 (or a warning where the answer is still right), a
 * correct submission graded by the same grader afterwards keeps full marks, and no process of the
 * student's is left. Each subclass runs the zoo in one sandbox.
 */
abstract class HostileZoo {

  private static final String CHILD_MAIN = "org.cnngrader.runner.ChildMain";

  private Sandbox sandbox;

  @TempDir Path temp;

  /** Digits only, so that it can be the fraction of a sleep's seconds too. */
  private final String marker =
      "7" + Long.toString(UUID.randomUUID().getMostSignificantBits() & Long.MAX_VALUE);

  /** The sandbox this run of the zoo grades in. */
  abstract Sandbox sandbox();

  @BeforeEach
  void pickSandbox() {
    sandbox = sandbox();
  }

  @AfterEach
  void noStudentProcessIsLeft() throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    List<String> left = processesMentioning(CHILD_MAIN, marker);
    while (!left.isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(50);
      left = processesMentioning(CHILD_MAIN, marker);
    }
    assertThat(left).as("processes left after grading").isEmpty();
  }

  /** One public and one hidden case, so that both children of a submission are attacked. */
  private static FixtureSet twoCases() {
    return cases("lesson-5x5-s2-p1", "batch-2ch-3filters");
  }

  /** Two cases of different shapes that one child runs one after the other. */
  private static FixtureSet twoPublicCases() {
    return cases("lesson-5x5-s2-p1", "batch-3ch-4filters");
  }

  private static FixtureSet cases(String... names) {
    Set<String> wanted = Set.of(names);
    FixtureSet all = TestRepository.fixtures();
    FixtureSet chosen =
        new FixtureSet(
            all.fixtures().stream().filter(f -> wanted.contains(f.name())).toList(), all.sha256());
    assertThat(chosen.fixtures()).hasSize(names.length);
    return chosen;
  }

  private static GradingOptions options(Duration call, Duration submission, int heap) {
    return GradingOptions.DEFAULT.withLimits(
        Limits.DEFAULT
            .withCallTimeout(call)
            .withSubmissionTimeout(submission)
            .withHeapMegabytes(heap));
  }

  private static final GradingOptions QUICK =
      options(Duration.ofSeconds(5), Duration.ofSeconds(30), 128);

  /** The correct example with {@code statement} inserted at the start of forward. */
  private SubmissionFolder inForward(String statement) {
    return hostile()
        .withCorrectConv2d("cnn/Conv2d.java", "this.x = x;", "this.x = x;\n" + statement);
  }

  /** The correct example with {@code statement} inserted at the start of backward. */
  private SubmissionFolder inBackward(String statement) {
    return hostile()
        .withCorrectConv2d(
            "cnn/Conv2d.java",
            "public Gradients backward(double[][][][] dout) {",
            "public Gradients backward(double[][][][] dout) {\n" + statement);
  }

  private SubmissionFolder hostile() {
    return SubmissionFolder.in(temp.resolve("hostile"));
  }

  /**
   * Grades the hostile submission, then a correct one with the same grader; checks that the correct
   * one keeps full marks.
   */
  private SubmissionResult gradeBesideCorrect(SubmissionFolder hostile, GradingOptions options)
      throws Exception {
    return gradeBesideCorrect(hostile, options, twoCases());
  }

  private SubmissionResult gradeBesideCorrect(
      SubmissionFolder hostile, GradingOptions options, FixtureSet fixtures) throws Exception {
    SubmissionGrader grader = new SubmissionGrader(fixtures, options, sandbox);
    SubmissionResult result = grader.grade("hostile", hostile.path());
    SubmissionResult correct = grader.grade("correct", TestRepository.example("correct-loops"));
    assertThat(correct.score())
        .as("a correct submission after the attack")
        .isEqualTo(correct.maxScore());
    return result;
  }

  private static List<String> feedback(SubmissionResult result, Part part) {
    return result.parts().stream()
        .filter(p -> p.part().equals(part))
        .map(FeedbackWriter::describe)
        .toList();
  }

  private static void assertFullMarks(SubmissionResult result) {
    assertThat(result.parts())
        .allSatisfy(p -> assertThat(p.passed()).as(FeedbackWriter.describe(p)).isTrue());
  }

  @Test
  void exitInForwardFailsForwardWithTheExitNamed() throws Exception {
    SubmissionResult result = gradeBesideCorrect(inForward("System.exit(0);"), QUICK);

    assertThat(result.score()).isZero();
    assertThat(feedback(result, Conv2dLayer.FORWARD))
        .allSatisfy(
            text ->
                assertThat(text)
                    .startsWith("your code called System.exit(0) during forward")
                    .contains("at cnn.Conv2d.forward(Conv2d.java:"));
  }

  @Test
  void exitInBackwardAfterACorrectForwardKeepsTheForwardParts() throws Exception {
    SubmissionResult result = gradeBesideCorrect(inBackward("System.exit(4);"), QUICK);

    assertThat(result.parts())
        .allSatisfy(
            p ->
                assertThat(p.passed())
                    .as(p.name())
                    .isEqualTo(
                        Conv2dLayer.FORWARD.equals(p.part())
                            || Conv2dLayer.FORWARD_SHAPE.equals(p.part())));
    assertThat(feedback(result, Conv2dLayer.DW))
        .allSatisfy(
            text -> assertThat(text).startsWith("your code called System.exit(4) during backward"));
  }

  @Test
  void haltInBackwardIsNamedFromTheExitStatus() throws Exception {
    SubmissionResult result =
        gradeBesideCorrect(inBackward("Runtime.getRuntime().halt(7);"), QUICK);

    assertThat(feedback(result, Conv2dLayer.DX))
        .allSatisfy(
            text ->
                assertThat(text).startsWith("your code called Runtime.halt(7) during backward"));
  }

  @Test
  void aForwardThatLoopsForeverIsStoppedAndTheSubmissionsTimeIsBounded() throws Exception {
    long start = System.nanoTime();
    SubmissionResult result =
        gradeBesideCorrect(
            inForward("while (x != null) { Thread.onSpinWait(); }"),
            options(Duration.ofSeconds(2), Duration.ofSeconds(3), 128));

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
    assertThat(feedback(result, Conv2dLayer.FORWARD))
        .containsExactly(
            "forward did not return within 2 s and was stopped",
            "forward was stopped: the submission used up its total time limit of 3 s (all its"
                + " cases together)");
  }

  @Test
  void runningOutOfMemoryIsReportedAsSuch() throws Exception {
    SubmissionResult result =
        gradeBesideCorrect(
            inForward(
                "java.util.List<double[]> hog = new java.util.ArrayList<>();"
                    + " while (hog.size() >= 0) { hog.add(new double[1 << 20]); }"),
            QUICK);

    assertThat(feedback(result, Conv2dLayer.FORWARD))
        .allSatisfy(
            text ->
                assertThat(text)
                    .startsWith("forward ran out of memory (java.lang.OutOfMemoryError"));
  }

  @Test
  void endlessRecursionIsReportedAsAStackOverflow() throws Exception {
    SubmissionResult result =
        gradeBesideCorrect(
            inForward("if (deeper(0) > 0) { return null; }")
                .edit(
                    "cnn/Conv2d.java",
                    "  public Gradients backward(",
                    "  private static int deeper(int n) {\n    return deeper(n + 1) + 1;\n  }\n\n"
                        + "  public Gradients backward("),
            QUICK);

    assertThat(feedback(result, Conv2dLayer.FORWARD))
        .allSatisfy(
            text ->
                assertThat(text)
                    .startsWith("forward overflowed the stack (java.lang.StackOverflowError)")
                    .contains("at cnn.Conv2d.deeper(Conv2d.java:"));
  }

  @Test
  void aFloodOfOutputIsCappedAndTheAnswersStillCount() throws Exception {
    SubmissionResult result =
        gradeBesideCorrect(
            inForward(
                "byte[] line = new byte[1 << 20]; java.util.Arrays.fill(line, (byte) 'y');"
                    + " for (int i = 0; i < 60; i++) { System.out.write(line, 0, line.length);"
                    + " System.err.write(line, 0, line.length); }"),
            options(Duration.ofSeconds(30), Duration.ofSeconds(60), 128));

    assertFullMarks(result);
    assertThat(result.output().text().getBytes(StandardCharsets.UTF_8).length)
        .isLessThanOrEqualTo(64 * 1024);
    assertThat(result.output().discardedBytes()).isGreaterThan(100L * 1024 * 1024);
    assertThat(result.hiddenOutput().discardedBytes()).isGreaterThan(100L * 1024 * 1024);
  }

  /** What forward prints: the input's height and width (public 5x5, hidden 6x6), no new line. */
  private static final String PRINT_SIZE =
      "System.out.print(\"seen \" + x[0][0].length + \"x\" + x[0][0][0].length + \";\");";

  @Test
  void printsWithoutANewLineStayWithTheCasesThatMadeThemThoughOneChildRunsBoth() throws Exception {
    SubmissionResult result = gradeBesideCorrect(inForward(PRINT_SIZE), QUICK);

    assertFullMarks(result);
    assertThat(result.childStarts()).as("one child for public and hidden cases").hasSize(1);
    assertThat(result.output().text()).isEqualTo("seen 5x5;");
    assertThat(result.hiddenOutput().text()).isEqualTo("seen 6x6;");
  }

  @Test
  void daemonThreadsLeftByPublicCasesDoNotReachTheHiddenOnes() throws Exception {
    SubmissionResult result =
        gradeBesideCorrect(
            inForward(
                "Thread idle = new Thread(() -> { try { Thread.sleep(60_000); }"
                    + " catch (InterruptedException e) { } }); idle.setDaemon(true); idle.start();"),
            QUICK);

    assertFullMarks(result);
    assertThat(result.childStarts()).as("a fresh child for the hidden case").hasSize(2);
  }

  @Test
  void hiddenOutputStaysApartWhenTheStudentsCodeClosesItsStdout() throws Exception {
    SubmissionResult result =
        gradeBesideCorrect(
            inForward(
                "System.err.print(\"seen \" + x[0][0].length + \"x\" + x[0][0][0].length + \";\");"
                    + " System.out.close();"),
            QUICK);

    assertFullMarks(result);
    assertThat(result.output().text()).isEqualTo("seen 5x5;");
    assertThat(result.hiddenOutput().text()).isEqualTo("seen 6x6;");
  }

  @Test
  void randomBytesOnTheRawStdoutCannotCorruptTheResults() throws Exception {
    SubmissionResult result =
        gradeBesideCorrect(
            inForward(
                "try { java.io.FileOutputStream raw = new java.io.FileOutputStream("
                    + "java.io.FileDescriptor.out); byte[] noise = new byte[1 << 16];"
                    + " new java.util.Random(7).nextBytes(noise); raw.write(noise); raw.flush(); }"
                    + " catch (java.io.IOException e) { throw new IllegalStateException(e); }"),
            QUICK);

    assertFullMarks(result);
    assertThat(result.output().discardedBytes() + result.output().text().length()).isPositive();
  }

  @Test
  void aThreadThatNeverEndsIsStoppedWithAWarning() throws Exception {
    SubmissionResult result =
        gradeBesideCorrect(
            inForward(
                "Thread spinner = new Thread(() -> { while (true) { Thread.onSpinWait(); } },"
                    + " \"spinner\"); spinner.start();"),
            QUICK);

    assertFullMarks(result);
    assertThat(feedback(result, Conv2dLayer.FORWARD))
        .allSatisfy(
            text ->
                assertThat(text)
                    .contains("Warning: your code left 1 thread running after the case (spinner)"));
  }

  @Test
  void processesStartedByStudentCodeDoNotSurvive() throws Exception {
    // A sleeping JVM started from the submission's own classes works at every level; a plain sleep
    // only where the sandbox shows /usr/bin.
    SubmissionFolder submission =
        inForward(
                "try { String java = System.getProperty(\"java.home\") + \"/bin/java\";"
                    + " String classes = new java.io.File(Conv2d.class.getProtectionDomain()"
                    + ".getCodeSource().getLocation().toURI()).getPath();"
                    + " new ProcessBuilder(java, \"-Dzoo=%1$s\", \"-cp\", classes, \"cnn.Sleeper\")"
                    + ".start(); } catch (Exception e) { System.out.println(\"no java: \" + e); }"
                    + " try { new ProcessBuilder(\"sleep\", \"1000.%1$s\").start(); }"
                    + " catch (Exception e) { System.out.println(\"no sleep\"); }")
            .with(
                "cnn/Sleeper.java",
                "package cnn;\npublic class Sleeper {\n  public static void main(String[] a)"
                    + " throws Exception {\n    Thread.sleep(1_000_000);\n  }\n}\n");
    submission.edit("cnn/Conv2d.java", "%1$s", marker);

    SubmissionResult result = gradeBesideCorrect(submission, QUICK);

    assertFullMarks(result);
    // The sleeping JVMs must have started for this test to mean anything.
    assertThat(result.output().text()).doesNotContain("no java");
  }

  @Test
  void searchingTheFileSystemFindsNoneOfTheGradersFixturesAtLevelsOneAndTwo() throws Exception {
    if (sandbox.level() == SandboxLevel.USER) {
      // What the command line does before grading at level 2.
      OtherUser.hide(TestRepository.root());
    }
    SubmissionFolder submission =
        inForward("Search.report(\"" + TestRepository.root() + "\");")
            .with("cnn/Search.java", Files.readString(zooSource("Search.java")));

    SubmissionResult result =
        gradeBesideCorrect(
            submission, options(Duration.ofSeconds(20), Duration.ofSeconds(60), 128));

    assertFullMarks(result);
    String printed = result.output().text() + result.hiddenOutput().text();
    assertThat(printed).contains("searched ");
    List<String> found =
        printed.lines().filter(line -> line.startsWith("FOUND ")).map(l -> l.substring(6)).toList();
    String repository = TestRepository.root().toRealPath().toString();
    switch (sandbox.level()) {
      case BWRAP -> assertThat(found).as("fixtures visible in bubblewrap").isEmpty();
      // Level 2 promises the grader's own fixtures; other copies on the machine are the operator's.
      case USER ->
          assertThat(found)
              .as("the grader's fixtures")
              .noneMatch(path -> path.startsWith(repository));
      // At level 3 the fixtures are readable, as the grader warns: the search looks where the
      // grader's files are first, so other copies on the machine cannot hide this.
      case PROCESS -> assertThat(found).anyMatch(path -> path.startsWith(repository));
    }
  }

  @Test
  void aThreadBombIsBoundedWhereChildrenHaveAUserOfTheirOwn() throws Exception {
    SubmissionResult result =
        gradeBesideCorrect(
            inForward(
                "int started = 0; try { for (; started < 3000; started++) { Thread t = new"
                    + " Thread(() -> { try { Thread.sleep(600_000); } catch (InterruptedException"
                    + " e) { return; } }); t.setDaemon(true); t.start(); } } catch (Throwable e) {"
                    + " System.out.println(\"refused: \" + e); } System.out.println(\"threads"
                    + " started: \" + started);"),
            options(Duration.ofSeconds(20), Duration.ofSeconds(60), 128));

    assertFullMarks(result);
    int started =
        result
            .output()
            .text()
            .lines()
            .filter(line -> line.startsWith("threads started: "))
            .mapToInt(line -> Integer.parseInt(line.substring("threads started: ".length())))
            .max()
            .orElseThrow();
    if (sandbox.ownUser()) {
      assertThat(started).as("threads a child could start").isLessThan(300);
    } else {
      // No limit on threads without a user of its own: only the time limit ends the bomb.
      assertThat(started).isPositive();
    }
  }

  @Test
  void resultsFilesCannotBeRewrittenAtLevelsOneAndTwo() throws Exception {
    Path earlier = temp.resolve("out/earlier-submission/results.json");
    Files.createDirectories(earlier.getParent());
    Files.writeString(earlier, "{\"score\": 3}");
    for (Path path : List.of(temp, temp.resolve("out"), earlier.getParent())) {
      Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
    if (sandbox.level() == SandboxLevel.USER) {
      // What the command line does to its output folder before grading at level 2.
      OtherUser.hide(temp.resolve("out"));
    }
    SubmissionFolder submission =
        inForward("Search.rewriteResults(\"" + temp.toRealPath() + "\");")
            .with("cnn/Search.java", Files.readString(zooSource("Search.java")));

    SubmissionResult result =
        gradeBesideCorrect(
            submission, options(Duration.ofSeconds(20), Duration.ofSeconds(60), 128));

    assertFullMarks(result);
    assertThat(result.output().text()).contains("tamper search done");
    if (sandbox.level().number() <= 2) {
      assertThat(earlier).hasContent("{\"score\": 3}");
    } else {
      // At level 3 student code writes whatever the grader's user may write, as documented.
      assertThat(earlier).hasContent("{\"score\": 1000}");
    }
  }

  @Test
  void networkConnectionsAreCutAtLevelOne() throws Exception {
    AtomicInteger accepted = new AtomicInteger();
    try (ServerSocket server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
      server.setSoTimeout(200);
      Thread listener =
          new Thread(
              () -> {
                while (!server.isClosed()) {
                  try (Socket socket = server.accept()) {
                    accepted.incrementAndGet();
                    socket.shutdownOutput();
                  } catch (SocketTimeoutException e) {
                    // keep listening
                  } catch (IOException e) {
                    return;
                  }
                }
              });
      listener.setDaemon(true);
      listener.start();
      SubmissionResult result =
          gradeBesideCorrect(
              inForward(
                  "try (java.net.Socket s = new java.net.Socket(\"127.0.0.1\", "
                      + server.getLocalPort()
                      + ")) { System.out.println(\"connected\"); }"
                      + " catch (java.io.IOException e) { System.out.println(\"no network: \" + e); }"),
              QUICK);

      assertFullMarks(result);
      if (sandbox.level() == SandboxLevel.BWRAP) {
        assertThat(accepted).hasValue(0);
        assertThat(result.output().text()).contains("no network");
      } else {
        assertThat(result.output().text()).contains("connected");
      }
    }
  }

  @Test
  void nanAndNullResultsScoreZeroWithAnExplanation() throws Exception {
    SubmissionResult nan =
        gradeBesideCorrect(
            hostile()
                .withCorrectConv2d(
                    "cnn/Conv2d.java",
                    "    return out;",
                    "    out[0][0][0][0] = Double.NaN;\n    return out;"),
            QUICK);
    assertThat(feedback(nan, Conv2dLayer.FORWARD))
        .allSatisfy(text -> assertThat(text).contains("are NaN or infinite, which never passes"));
    assertThat(feedback(nan, Conv2dLayer.FORWARD_SHAPE))
        .allSatisfy(text -> assertThat(text).isEqualTo("out has the right shape"));

    SubmissionResult none =
        gradeBesideCorrect(
            SubmissionFolder.in(temp.resolve("null"))
                .withCorrectConv2d("cnn/Conv2d.java", "    return out;", "    return null;"),
            QUICK);
    assertThat(feedback(none, Conv2dLayer.FORWARD))
        .allSatisfy(text -> assertThat(text).isEqualTo("out is null"));
  }

  @Test
  void exceptionMessagesWithMarkupArriveVerbatim() throws Exception {
    String message = "<script>alert('x')</script><b>&amp;</b>";
    SubmissionResult result =
        gradeBesideCorrect(
            inForward(
                "if (x != null) throw new IllegalStateException(\""
                    + message.replace("'", "\\'")
                    + "\");"),
            QUICK);

    assertThat(feedback(result, Conv2dLayer.FORWARD))
        .allSatisfy(
            text ->
                assertThat(text)
                    .startsWith("forward threw java.lang.IllegalStateException: " + message));
  }

  @Test
  void modifiedInputsAreToldAndGradedOnTheGradersOwnCopy() throws Exception {
    SubmissionResult result =
        gradeBesideCorrect(
            hostile()
                .withCorrectConv2d(
                    "cnn/Conv2d.java", "    return out;", "    b[0] = 1234.5;\n    return out;")
                .edit(
                    "cnn/Conv2d.java",
                    "    return new Gradients(dx, dw, db);",
                    "    dout[0][0][0][0] = 0;\n    return new Gradients(dx, dw, db);"),
            QUICK);

    assertFullMarks(result);
    assertThat(feedback(result, Conv2dLayer.FORWARD))
        .allSatisfy(
            text ->
                assertThat(text)
                    .contains("Warning: forward modified its input b: b[0] from ")
                    .contains(" to 1234.5."));
    assertThat(feedback(result, Conv2dLayer.DX))
        .allSatisfy(
            text ->
                assertThat(text)
                    .contains("Warning: backward modified its input dout: dout[0][0][0][0] from "));
  }

  @Test
  void staticStateCannotCarryOneCaseIntoAnother() throws Exception {
    // Returns the first case's output for every later case, unless each case starts afresh.
    SubmissionResult result =
        gradeBesideCorrect(
            hostile()
                .withCorrectConv2d(
                    "cnn/Conv2d.java",
                    "  public double[][][][] forward(double[][][][] x, double[][][][] w, double[] b) {",
                    """
                      private static double[][][][] remembered;

                      public double[][][][] forward(double[][][][] x, double[][][][] w, double[] b) {
                        if (remembered != null) {
                          return remembered;
                        }""")
                .edit(
                    "cnn/Conv2d.java", "    return out;", "    remembered = out;\n    return out;"),
            QUICK,
            twoPublicCases());

    assertFullMarks(result);
  }

  @Test
  void classesNamedLikeTheGradersAreNeverUsedByIt() throws Exception {
    SubmissionFolder submission =
        hostile()
            .withCorrectConv2d("cnn/Conv2d.java", "", "")
            .with(
                "org/cnngrader/runner/Wire.java",
                """
                package org.cnngrader.runner;
                public final class Wire {
                  static {
                    System.exit(0);
                  }
                  public static final int MAX_ELEMENTS = 1;
                }
                """)
            .with(
                "org/cnngrader/runner/CaseCall.java",
                """
                package org.cnngrader.runner;
                final class CaseCall {
                  static {
                    Runtime.getRuntime().halt(0);
                  }
                }
                """);

    assertFullMarks(gradeBesideCorrect(submission, QUICK));
  }

  private static Path zooSource(String name) {
    return Path.of("src/test/resources/zoo").resolve(name).toAbsolutePath();
  }

  /** Command lines of live processes that mention any of {@code words}. */
  private static List<String> processesMentioning(String... words) throws IOException {
    List<String> found = new ArrayList<>();
    long self = ProcessHandle.current().pid();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
      for (Path entry : entries) {
        if (entry.getFileName().toString().equals(Long.toString(self))) {
          continue;
        }
        String commandLine;
        String state;
        try (InputStream in = Files.newInputStream(entry.resolve("cmdline"))) {
          commandLine =
              new String(in.readAllBytes(), StandardCharsets.ISO_8859_1).replace('\0', ' ');
          String stat = Files.readString(entry.resolve("stat"), StandardCharsets.ISO_8859_1);
          state = stat.substring(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
        } catch (IOException e) {
          continue;
        }
        if (state.equals("Z")) {
          continue;
        }
        for (String word : words) {
          if (commandLine.contains(word)) {
            found.add(entry.getFileName() + ": " + commandLine);
            break;
          }
        }
      }
    }
    return found;
  }
}
