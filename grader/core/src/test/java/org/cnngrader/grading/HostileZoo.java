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
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cnngrader.SubmissionFolder;
import org.cnngrader.TestRepository;
import org.cnngrader.execution.Limits;
import org.cnngrader.feedback.FeedbackWriter;
import org.cnngrader.fixture.FixtureSet;
import org.cnngrader.layer.Part;
import org.cnngrader.layers.conv2d.Conv2dLayer;
import org.cnngrader.resources.ResourceBound.Resource;
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
            "forward used 2 s of CPU time without returning and was stopped",
            "forward was stopped: the submission used up its total time limit of 3 s of CPU time"
                + " (all its cases together)");
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
    int started = largestPrinted(result, "threads started: ");
    if (holds(Resource.PROCESSES)) {
      assertThat(started).as("threads a child could start").isLessThan(300);
    } else {
      // No limit on threads without a group or a user of its own: the memory bound ends the bomb.
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

  /** The largest number the submission printed after {@code prefix} at the start of a line. */
  private static int largestPrinted(SubmissionResult result, String prefix) {
    return result
        .output()
        .text()
        .lines()
        .filter(line -> line.startsWith(prefix))
        .mapToInt(line -> Integer.parseInt(line.substring(prefix.length())))
        .max()
        .orElseThrow(() -> new AssertionError("nothing printed after " + prefix));
  }

  /** Whether a control group bounds each child's memory, temporary files' included. */
  private boolean memoryByControlGroup() {
    return sandbox.bounds(Limits.DEFAULT.budget()).stream()
        .anyMatch(b -> b.resource() == Resource.MEMORY && b.held() && b.how().startsWith("cgroup"));
  }

  /** Whether the sandbox bounds {@code resource} on this machine. */
  private boolean holds(Resource resource) {
    return sandbox.bounds(Limits.DEFAULT.budget()).stream()
        .anyMatch(b -> b.resource() == resource && b.held());
  }

  /** The machine's available memory, from /proc/meminfo. */
  private static long availableBytes() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
      if (line.startsWith("MemAvailable:")) {
        String kilobytes = line.substring("MemAvailable:".length()).strip();
        return Long.parseLong(kilobytes.substring(0, kilobytes.indexOf(' '))) * 1024;
      }
    }
    throw new IOException("no MemAvailable in /proc/meminfo");
  }

  /**
   * Grades the hostile submission beside a correct one, while watching the machine's available
   * memory: it must never fall below what it was less the memory bound of the one child running,
   * and a margin for the grader's own JVM and the page cache.
   */
  private SubmissionResult gradeWatchingMemory(SubmissionFolder hostile) throws Exception {
    long before = availableBytes();
    AtomicLong lowest = new AtomicLong(before);
    Thread watcher =
        new Thread(
            () -> {
              while (!Thread.currentThread().isInterrupted()) {
                try {
                  lowest.accumulateAndGet(availableBytes(), Math::min);
                  Thread.sleep(20);
                } catch (IOException | InterruptedException e) {
                  return;
                }
              }
            });
    watcher.setDaemon(true);
    watcher.start();
    try {
      SubmissionResult result = gradeBesideCorrect(hostile, MEMORY);
      long bound = MEMORY.limits().budget().memoryBytes();
      assertThat(lowest.get())
          .as("available memory while grading (before: %d MiB)", before >> 20)
          .isGreaterThan(before - bound - 512L * 1024 * 1024);
      return result;
    } finally {
      watcher.interrupt();
    }
  }

  private static final GradingOptions MEMORY =
      options(Duration.ofSeconds(20), Duration.ofSeconds(60), 128);

  /** Feedback on forward when a child took more memory than its bound lets it. */
  private void assertStoppedForMemory(SubmissionResult result) {
    assertThat(feedback(result, Conv2dLayer.FORWARD))
        .allSatisfy(
            text ->
                assertThat(text)
                    .matches(
                        "(?s)forward (used more than [0-9,]+ MiB of memory, heap and native memory"
                            + " together|ran out of memory \\(java.lang.OutOfMemoryError).*"));
  }

  @Test
  void nativeMemoryOutsideTheHeapIsBoundedAndNamed() throws Exception {
    SubmissionResult result =
        gradeWatchingMemory(
            inForward(
                "try { java.lang.reflect.Field f = sun.misc.Unsafe.class.getDeclaredField("
                    + "\"theUnsafe\"); f.setAccessible(true); sun.misc.Unsafe u ="
                    + " (sun.misc.Unsafe) f.get(null); for (int i = 0; i < 64; i++) { long p ="
                    + " u.allocateMemory(64L << 20); u.setMemory(p, 64L << 20, (byte) 1); } }"
                    + " catch (ReflectiveOperationException e) { throw new"
                    + " IllegalStateException(e); }"));

    assertStoppedForMemory(result);
  }

  @Test
  void nativeMemoryByARoutePastTheDirectBufferCapIsBounded() throws Exception {
    // -XX:MaxDirectMemorySize caps ByteBuffer.allocateDirect only: each Deflater holds about 270
    // KiB
    // of zlib's state in native memory, touched by compressing 64 KiB (16,000 of them: 4 GiB).
    SubmissionResult result =
        gradeWatchingMemory(
            inForward(
                "java.util.List<java.util.zip.Deflater> kept = new java.util.ArrayList<>(); byte[]"
                    + " noise = new byte[64 << 10]; new java.util.Random(1).nextBytes(noise); byte[]"
                    + " packed = new byte[128 << 10]; for (int i = 0; i < 16_000; i++) {"
                    + " java.util.zip.Deflater d = new java.util.zip.Deflater(1); d.setInput(noise);"
                    + " d.deflate(packed, 0, packed.length, java.util.zip.Deflater.SYNC_FLUSH);"
                    + " kept.add(d); } System.out.println(\"deflaters kept: \" + kept.size());"));

    assertStoppedForMemory(result);
  }

  @Test
  void deepRecursionOnManyThreadsIsBoundedByMemory() throws Exception {
    SubmissionResult result =
        gradeWatchingMemory(
            inForward(
                    "java.util.List<Thread> deep = new java.util.ArrayList<>(); for (int i = 0; i"
                        + " < 96; i++) { Thread t = new Thread(null, () -> deeper(0), \"deep\","
                        + " 64L << 20); t.start(); deep.add(t); } for (Thread t : deep) { try {"
                        + " t.join(); } catch (InterruptedException e) { return null; } }"
                        + " if (!deep.isEmpty()) { return null; }")
                .edit(
                    "cnn/Conv2d.java",
                    "  public Gradients backward(",
                    """
                      private static int deeper(int n) {
                        if (n >= 400_000) {
                          try {
                            Thread.sleep(60_000);
                          } catch (InterruptedException e) {
                            return 0;
                          }
                          return 0;
                        }
                        return deeper(n + 1) + 1;
                      }

                      public Gradients backward(\
                    """));

    assertStoppedForMemory(result);
  }

  @Test
  void aLargeTemporaryFileStopsAtTheTemporarySpaceBound() throws Exception {
    SubmissionFolder submission =
        inForward(
            "long written = 0; int k = 0; byte[] block = new byte[1 << 20]; for (String folder :"
                + " new String[] {System.getProperty(\"java.io.tmpdir\"), \".\"}) { for (int f ="
                + " 0; f < 4; f++) { try (java.io.FileOutputStream out = new"
                + " java.io.FileOutputStream(new java.io.File(folder, \"big-%1$s-\" + k++))) { for"
                + " (int i = 0; i < 60; i++) { out.write(block); written += block.length; } }"
                + " catch (java.io.IOException e) { System.out.println(\"refused: \" + e);"
                + " } } } System.out.println(\"written MiB: \" + (written >> 20));");
    submission.edit("cnn/Conv2d.java", "%1$s", marker);

    SubmissionResult result = gradeBesideCorrect(submission, MEMORY);

    assertFullMarks(result);
    int written = largestPrinted(result, "written MiB: ");
    if (holds(Resource.TEMPORARY_SPACE)) {
      assertThat(written).as("MiB written by one child").isLessThanOrEqualTo(64);
      assertThat(result.output().text()).contains("No space left on device");
    } else {
      assertThat(written).isPositive();
    }
  }

  @Test
  void aMillionEmptyFilesAreStoppedByABound() throws Exception {
    // Level 3 writes into the machine's own /tmp: the test asks for fewer there, and tidies up.
    int wanted = holds(Resource.TEMPORARY_SPACE) ? 1_000_000 : 20_000;
    SubmissionFolder submission =
        inForward(
            "int made = 0; java.io.File folder = new java.io.File(System.getProperty("
                + "\"java.io.tmpdir\"), \"files-%1$s\"); folder.mkdirs(); try { for (; made < "
                + wanted
                + "; made++) { if (!new java.io.File(folder, \"f\" + made).createNewFile()) {"
                + " break; } } } catch (java.io.IOException e) { System.out.println(\"refused: \""
                + " + e); } System.out.println(\"files made: \" + made);");
    submission.edit("cnn/Conv2d.java", "%1$s", marker);

    SubmissionResult result = gradeBesideCorrect(submission, MEMORY);

    String printed = result.output().text();
    if (sandbox.level() == SandboxLevel.PROCESS) {
      assertFullMarks(result);
      assertThat(printed).contains("files made: " + wanted);
    } else if (memoryByControlGroup() || sandbox.level() == SandboxLevel.USER) {
      // Stopped by the files the private tmpfs may hold, or by the memory its inodes take.
      assertThat(printed).doesNotContain("files made: " + wanted);
    }
    // Elsewhere bubblewrap's tmpfs takes the files (it cannot count them): only the time limit and
    // the end of the child's namespace bound them, and the neighbour's marks are what is checked.
  }

  @Test
  void aProcessBombIsBoundedByTheChildsProcesses() throws Exception {
    SubmissionResult result =
        gradeBesideCorrect(
            // Processes that live on and cost no CPU, so that they are all there at once and the
            // bound, not the call's CPU time (which JVMs starting by the dozen use up first on a
            // slow machine), ends the loop.
            inForward(
                    "int started = 0; try { for (; started < 300; started++) { new"
                        + " ProcessBuilder(\"sleep\", \"30.%1$s\").start(); } }"
                        + " catch (Throwable e) { System.out.println(\"refused: \" + e); }"
                        + " System.out.println(\"processes started: \" + started);")
                .edit("cnn/Conv2d.java", "%1$s", marker),
            MEMORY);

    if (!holds(Resource.PROCESSES)) {
      // Nothing bounds them but the time limits: the neighbour's marks are what is checked.
      return;
    }
    int started = largestPrinted(result, "processes started: ");
    assertThat(started).as("processes a child could start").isLessThan(256);
  }

  @AfterEach
  void deleteWhatLevelThreeLeftInTheMachinesTemporaryFolder() throws IOException {
    try (DirectoryStream<Path> left =
        Files.newDirectoryStream(
            Path.of(System.getProperty("java.io.tmpdir")), "*-" + marker + "*")) {
      for (Path path : left) {
        org.cnngrader.files.FileTrees.deleteQuietly(path);
      }
    }
  }

  private static Path zooSource(String name) {
    return Path.of("src/test/resources/zoo").resolve(name).toAbsolutePath();
  }

  /** Command lines of live processes that mention any of {@code words}. */
  /**
   * Whether the process is in the control group of another grader's child ({@code cnn-grader-<its
   * pid>-<n>}): a grader or test run beside this one on the machine.
   */
  private static boolean ofAnotherGrader(Path process) {
    try {
      Matcher group =
          Pattern.compile("/cnn-grader-(\\d+)-\\d+")
              .matcher(Files.readString(process.resolve("cgroup"), StandardCharsets.ISO_8859_1));
      return group.find() && Long.parseLong(group.group(1)) != ProcessHandle.current().pid();
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

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
        if (state.equals("Z") || ofAnotherGrader(entry)) {
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
