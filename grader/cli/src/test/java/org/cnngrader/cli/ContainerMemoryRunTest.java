package org.cnngrader.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.cnngrader.AssignmentTotals;
import org.cnngrader.TestSandbox;
import org.cnngrader.resources.ChildBudget;
import org.cnngrader.resources.ChildGroup;
import org.cnngrader.resources.ControlGroups;
import org.cnngrader.resources.ResourceControl;
import org.cnngrader.sandbox.SandboxLevel;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Gradescope bundle in a container's memory: run_autograder run for real inside a control group
 * of Gradescope's default size, with the control groups read-only as a container has them (the
 * grader cannot make a group per child there, so each child is bounded by RLIMIT_DATA), at level 2
 * as in Gradescope's Docker. The container's group is removed after each test.
 */
class ContainerMemoryRunTest {

  private static final AssignmentTotals TOTALS = AssignmentTotals.repository();

  /** Set (to anything) where control groups must be found, as CI does. */
  private static final String EXPECT_VARIABLE = "GRADER_EXPECT_CGROUPS";

  private static final long MIB = ChildBudget.MIB;

  @TempDir static Path shared;

  private static Path bundle;

  @TempDir Path temp;

  @BeforeAll
  static void buildTheBundle() {
    bundle = shared.resolve("autograder.zip");
    CommandLineRun cli = new CommandLineRun();
    assertThat(cli.run("gradescope", "--out", bundle.toString())).as(cli.stderr()).isZero();
  }

  /** The machine's control groups; where none can be made and nothing demands them, skipped. */
  private static ControlGroups groups() {
    Optional<ControlGroups> groups = ResourceControl.ofThisMachine().groups();
    if (System.getenv(EXPECT_VARIABLE) != null) {
      assertThat(groups).as("%s is set, but no control groups here", EXPECT_VARIABLE).isPresent();
    }
    Assumptions.assumeTrue(
        groups.isPresent(),
        () -> "no control groups here (root may make them); " + EXPECT_VARIABLE + " demands them");
    Assumptions.assumeTrue(
        Files.isExecutable(Path.of("/usr/bin/unshare")),
        "no /usr/bin/unshare to make the control groups read-only as in a container");
    return groups.get();
  }

  /**
   * Runs run_autograder in a fresh group of {@code megabytes}, in a mount namespace of its own
   * where every control-group mount is read-only; the group is then checked by {@code check} and
   * removed.
   */
  private AutograderRoot.Run runInContainer(AutograderRoot root, long megabytes, GroupCheck check)
      throws Exception {
    ChildGroup container = groups().create(new ChildBudget(megabytes * MIB, MIB, 16, 4096, 2));
    try {
      List<String> command = new ArrayList<>();
      command.addAll(
          List.of(
              "sh",
              "-c",
              "while [ \"$1\" != -- ]; do echo $$ > \"$1\" || exit 125; shift; done; shift;"
                  + " exec \"$@\"",
              "enter-container"));
      container.entryFiles().forEach(file -> command.add(file.toString()));
      command.addAll(
          List.of(
              "--",
              "/usr/bin/unshare",
              "-m",
              "sh",
              "-c",
              "for m in $(grep cgroup /proc/self/mounts | cut -d' ' -f2); do"
                  + " mount -o remount,bind,ro \"$m\" || exit 125; done; exec bash \"$0\"",
              root.results().resolveSibling("run_autograder").toString()));
      AutograderRoot.Run run = root.run(command, Map.of("GRADER_SANDBOX", "user"));
      check.check(container, run);
      return run;
    } finally {
      container.remove();
      assertThat(container.entryFiles())
          .as("the container's group is removed")
          .allSatisfy(file -> assertThat(file.getParent()).doesNotExist());
    }
  }

  /** What a test checks of the container's group before it is removed. */
  private interface GroupCheck {
    void check(ChildGroup container, AutograderRoot.Run run) throws Exception;
  }

  /** The correct example whose forward fills its heap, then native memory, 16 MiB at a time. */
  private Path fillsHeapThenNativeMemory() throws Exception {
    Path folder = Files.createDirectories(temp.resolve("hostile/cnn"));
    Path examples = CommandLineRun.home().resolve("fixtures/submissions/correct-loops/cnn");
    try (var files = Files.list(examples)) {
      for (Path file : files.toList()) {
        Files.copy(file, folder.resolve(file.getFileName()));
      }
    }
    Path conv = folder.resolve("Conv2d.java");
    String text = Files.readString(conv);
    assertThat(text).contains("this.x = x;");
    Files.writeString(
        conv,
        text.replace(
            "this.x = x;",
            """
            java.util.List<long[]> kept = new java.util.ArrayList<>();
                try {
                  while (true) {
                    kept.add(new long[1 << 17]);
                  }
                } catch (OutOfMemoryError full) {
                  kept.remove(kept.size() - 1);
                }
                try {
                  java.lang.reflect.Field f = sun.misc.Unsafe.class.getDeclaredField("theUnsafe");
                  f.setAccessible(true);
                  sun.misc.Unsafe u = (sun.misc.Unsafe) f.get(null);
                  for (int i = 0; i < 4096; i++) {
                    long p = u.allocateMemory(16L << 20);
                    u.setMemory(p, 16L << 20, (byte) 1);
                  }
                } catch (ReflectiveOperationException e) {
                  throw new IllegalStateException(e);
                }
                if (!kept.isEmpty()) {
                  return null;
                }
                this.x = x;"""));
    return folder.getParent();
  }

  @Test
  void inGradescopesDefaultContainerTheChildsOwnBoundStopsAHandInThatFillsHeapAndNativeMemory()
      throws Exception {
    TestSandbox.level(SandboxLevel.USER);
    AutograderRoot root =
        AutograderRoot.unpack(bundle, Files.createDirectories(temp.resolve("autograder")))
            .submit(fillsHeapThenNativeMemory());

    AutograderRoot.Run run =
        runInContainer(
            root,
            768,
            (container, done) ->
                assertThat(container.killedForMemory())
                    .as(
                        "the kernel killed a process of the container for memory:%n%s",
                        done.output())
                    .isFalse());

    assertThat(run.exitCode()).as(run.output()).isZero();
    assertThat(run.output())
        .containsPattern(
            "Bounded per child: memory \\([0-9]+ MiB, heap [0-9]+ MiB, fitted to the 768 MiB"
                + " here\\)")
        .contains("Memory: the container has 768 MiB (cgroup v");
    List<String> outputs = new ArrayList<>();
    root.resultsJson().get("tests").forEach(test -> outputs.add(test.path("output").asText()));
    assertThat(outputs)
        .as(run.output())
        .noneSatisfy(output -> assertThat(output).contains("killed from outside"));
    assertThat(outputs)
        .as(run.output())
        .isNotEmpty()
        .anySatisfy(
            output ->
                assertThat(output)
                    .containsPattern(
                        "forward (ran out of memory \\(java.lang.OutOfMemoryError|used more than"
                            + " [0-9,]+ MiB of memory)"));
    assertThat(root.resultsJson().get("score").asDouble())
        .as("the other layers are graded as usual")
        .isEqualTo(TOTALS.points() - TOTALS.layer("conv2d").points());
  }

  @Test
  void aContainerTooSmallForTheGraderAndOneChildIsAFaultOfTheAutograderWithTheNumbers()
      throws Exception {
    TestSandbox.level(SandboxLevel.USER);
    AutograderRoot root =
        AutograderRoot.unpack(bundle, Files.createDirectories(temp.resolve("autograder")))
            .submit(CommandLineRun.home().resolve("fixtures/submissions/correct-loops"));

    AutograderRoot.Run run = runInContainer(root, 320, (container, done) -> {});

    assertThat(run.exitCode()).as(run.output()).isEqualTo(4);
    assertThat(run.output())
        .containsPattern(
            "(?m)^grader: too little memory: the container has 320 MiB of memory \\(cgroup v[12]"
                + " memory\\.(max|limit_in_bytes) of [^)]+\\); the grader needs [0-9]+ MiB and a"
                + " child at least 128 MiB$");
    JsonNode results = root.resultsJson();
    assertThat(results.get("score").asDouble()).isZero();
    assertThat(results.get("output").asText())
        .matches(
            "The autograder could not grade your submission: its container has too little"
                + " memory\\. This is a fault of the autograder, not of your code\\. Please tell"
                + " your course staff: the container has 320 MiB of memory \\(cgroup v[12]"
                + " memory\\.(max|limit_in_bytes) of [^)]+\\); the grader needs [0-9]+ MiB and a"
                + " child at least 128 MiB: raise the autograder's memory in Gradescope's"
                + " settings\\.");
  }
}
