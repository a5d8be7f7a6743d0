package org.cnngrader.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.cnngrader.batch.BatchRun;
import org.cnngrader.execution.Limits;
import org.cnngrader.fixture.Credit;
import org.cnngrader.fixture.Fixture;
import org.cnngrader.fixture.FixtureFiles;
import org.cnngrader.fixture.FixtureSet;
import org.cnngrader.fixture.Visibility;
import org.cnngrader.grading.GradingOptions;
import org.cnngrader.grading.RandomCases;
import org.cnngrader.inspect.Policy;
import org.cnngrader.reference.RandomCaseDraw;
import org.cnngrader.report.GradingKey;
import org.cnngrader.resources.ContainerMemory;
import org.cnngrader.sandbox.SandboxChoice;
import picocli.CommandLine.Option;

/** The options that change how submissions are graded, shared by grade and demo. */
final class GradingFlags {

  @Option(
      names = "--fixtures",
      paramLabel = "DIR",
      description =
          "Fixtures root laid out like fixtures/ (<layer>/public, <layer>/hidden, assignment.json)."
              + " Default: the repository's.")
  Path fixtures;

  @Option(
      names = "--layers",
      paramLabel = "IDS",
      split = ",",
      description =
          "The layers to grade, comma-separated (conv2d,maxpool2d): built-in ones or those"
              + " described by a <id>/layer.json of the fixtures. Default: those the fixtures'"
              + " assignment.json names.")
  List<String> layers;

  @Option(
      names = "--call-timeout",
      paramLabel = "SECONDS",
      description =
          "CPU time limit of each call (constructor, forward, backward), so that a busy machine"
              + " does not change a grade; a call that waits or sleeps is stopped after three"
              + " times as long by the clock. Default: ${DEFAULT-VALUE}.",
      defaultValue = "10")
  double callTimeoutSeconds;

  @Option(
      names = "--heap",
      paramLabel = "MB",
      description =
          "Heap limit of the child JVM that runs student code. Its whole memory (heap, native"
              + " memory, threads and temporary files) is bounded at this plus 576 MB where the"
              + " machine allows (see the provenance); less, heap and the rest in proportion, where"
              + " the machine or container cannot hold the grader and --jobs children of that size."
              + " Default: ${DEFAULT-VALUE}.",
      defaultValue = "512")
  int heapMegabytes;

  @Option(
      names = "--submission-timeout",
      paramLabel = "SECONDS",
      description =
          "Time limit of all the calls of one submission together. Default: ${DEFAULT-VALUE}.",
      defaultValue = "120")
  double submissionTimeoutSeconds;

  @Option(
      names = "--jobs",
      paramLabel = "N",
      description =
          "How many submissions to grade at once. Default: the number of processors, or fewer"
              + " where the machine's or container's memory holds fewer children.",
      defaultValue = "0")
  int jobs;

  /** --jobs as given, or the number of processors. */
  int jobs() {
    int processors = Runtime.getRuntime().availableProcessors();
    int value = jobs == 0 ? processors : jobs;
    if (value < 1 || value > 256) {
      throw new UsageException("--jobs must be between 1 and 256, found " + jobs);
    }
    return value;
  }

  @Option(
      names = "--credit",
      paramLabel = "MODE",
      description =
          "Credit of every values part (forward values, dx, dw, db) that fails: all-or-nothing, or"
              + " proportional to the share of its elements within the tolerance. Default: as each"
              + " fixture says (all-or-nothing unless its \"credit\" field says otherwise).")
  String credit;

  @Option(
      names = "--force",
      description =
          "Grade every submission again, even those the --out folder holds results of from an"
              + " earlier run with the same content, grader build, fixtures and options.")
  boolean force;

  /**
   * The options with each child's memory fitted to this machine or container, for {@code
   * submissions} graded {@code --jobs} at a time (fewer at a time where --jobs was not given and
   * fewer fit).
   *
   * @throws TooLittleMemoryException when not even one child fits beside the grader
   */
  MemorySizing.Sized fitMemory(GradingOptions options, int submissions) {
    return MemorySizing.size(
        options,
        jobs(),
        jobs != 0,
        submissions,
        ContainerMemory.ofThisProcess(),
        MemorySizing.graderMebibytes());
  }

  /** How a run grades: the options, and how many at once, whether again. */
  BatchRun.Setup setup(
      FixtureSet fixtures,
      MemorySizing.Sized sized,
      IsolationSetup.Result isolation,
      Path outFolder) {
    return new BatchRun.Setup(
        fixtures,
        sized.options(),
        isolation.sandbox(),
        isolation.isolation(),
        outFolder,
        sized.jobs(),
        force,
        BuildFingerprint.current(),
        Optional.empty());
  }

  @Option(
      names = "--sandbox",
      paramLabel = "LEVEL",
      description =
          "How student code is confined: bwrap (level 1: bubblewrap, no network, only the JDK and"
              + " the submission visible), user (level 2: an unprivileged user of its own; needs"
              + " root), process (level 3: limits only), or auto, the strongest that works here."
              + " Default: ${DEFAULT-VALUE}.",
      defaultValue = "auto")
  String sandbox;

  @Option(
      names = "--strict",
      description =
          "Refuse (exit code 2) to grade hidden fixtures where student code could read them, as"
              + " at level 3, or where a child's memory cannot be bounded.")
  boolean strict;

  @Option(
      names = "--secret",
      paramLabel = "PATH",
      description =
          "A file or folder student code must not read, such as another copy of the hidden"
              + " fixtures (repeatable): at level 2 other users' access is taken from it; with"
              + " --strict, grading is refused where student code could still read it.")
  List<Path> secrets = new ArrayList<>();

  @Option(
      names = "--policy",
      paramLabel = "FILE",
      description =
          "Policy of the static check: what each kind of finding (exit, process, network, file-io,"
              + " reflection, threads) costs: ignore, warn or zero. Default: policy.json in"
              + " the fixtures root when it exists, else warn of everything.")
  Path policy;

  /** The policy named by --policy, else the fixtures' own, else warnings only. */
  Policy policy(Path home) {
    if (policy != null) {
      if (Files.isDirectory(policy)) {
        throw new UsageException("--policy " + policy + " is a folder, not a file");
      }
      if (!Files.isRegularFile(policy)) {
        throw new UsageException("--policy file not found: " + policy);
      }
      return Policy.load(policy);
    }
    Path shipped = fixturesRoot(home).resolve(POLICY);
    return Files.isRegularFile(shipped) ? Policy.load(shipped) : Policy.DEFAULT;
  }

  static final String POLICY = "policy.json";

  /**
   * Picks the sandbox these flags ask for and keeps the run's secrets from student code; the
   * provenance says how the memory was shared out.
   */
  IsolationSetup.Result isolation(
      PrintWriter err,
      Path home,
      Path outFolder,
      List<Path> submissions,
      MemorySizing.Sized sized) {
    IsolationSetup.Result result =
        new IsolationSetup(err)
            .prepare(
                sandboxChoice(),
                strict,
                home,
                fixturesRoot(home),
                outFolder,
                submissions,
                secrets,
                sized.options().limits().budget());
    return new IsolationSetup.Result(result.sandbox(), sized.noted(result.isolation()));
  }

  SandboxChoice sandboxChoice() {
    try {
      return SandboxChoice.parse(sandbox);
    } catch (IllegalArgumentException e) {
      throw new UsageException("--sandbox: " + e.getMessage());
    }
  }

  GradingOptions options(Path home) {
    // Every usage error before anything is set up: --jobs is used only when grading starts.
    jobs();
    GradingOptions options =
        GradingOptions.DEFAULT
            .withLimits(limits())
            .withPolicy(policy(home))
            .withRandomCases(randomCases());
    return credit == null ? options : withCredit(options);
  }

  /** The limits the flags ask for; a bad one is a usage error. */
  Limits limits() {
    if (!(callTimeoutSeconds > 0) || callTimeoutSeconds > 3600) {
      throw new UsageException(
          "--call-timeout must be a number of seconds above 0 and at most 3600, found "
              + java.math.BigDecimal.valueOf(callTimeoutSeconds)
                  .stripTrailingZeros()
                  .toPlainString());
    }
    if (heapMegabytes < 16) {
      throw new UsageException("--heap must be at least 16 (MB), found " + heapMegabytes);
    }
    if (!(submissionTimeoutSeconds > 0) || submissionTimeoutSeconds > 86_400) {
      throw new UsageException(
          "--submission-timeout must be a number of seconds above 0 and at most 86400, found "
              + java.math.BigDecimal.valueOf(submissionTimeoutSeconds)
                  .stripTrailingZeros()
                  .toPlainString());
    }
    return Limits.DEFAULT
        .withCallTimeout(Duration.ofMillis(Math.round(callTimeoutSeconds * 1000)))
        .withSubmissionTimeout(Duration.ofMillis(Math.round(submissionTimeoutSeconds * 1000)))
        .withHeapMegabytes(heapMegabytes);
  }

  private GradingOptions withCredit(GradingOptions options) {
    return options.withCredit(
        Credit.byKey(credit)
            .orElseThrow(
                () ->
                    new UsageException(
                        "--credit must be " + Credit.names() + ", found " + credit)));
  }

  Path fixturesRoot(Path home) {
    return FixtureRoots.orDefault(fixtures, home);
  }

  /**
   * The fixtures, and the random cases {@code options} ask for drawn beside them as hidden cases,
   * their references computed by ND4J now. The set's hash then covers the draw, so that a result
   * stands only for the same cases.
   */
  FixtureSet loadFixtures(Path home, GradingOptions options) {
    Path root = FixtureRoots.existing(fixtures, home);
    FixtureSet files =
        FixtureFiles.load(root, FixtureRoots.assignment(root, layers), Visibility.values());
    RandomCases random = options.randomCases();
    if (!random.any()) {
      return files;
    }
    ReferenceLibraries.require("--random-cases");
    List<Fixture> all = new ArrayList<>(files.fixtures());
    all.addAll(RandomCaseDraw.fixtures(random, files.layers()));
    return new FixtureSet(
        all,
        GradingKey.sha256(
            files.sha256() + "\nrandom_cases=" + random.count() + "\nseed=" + random.seed()));
  }

  @Option(
      names = "--random-cases",
      paramLabel = "K",
      description =
          "Draw K extra hidden cases (sizes, channels, filters, stride and pad that fit the output-size"
              + " formula), their references computed by ND4J at grading time. Default: none.",
      defaultValue = "0")
  int randomCases;

  @Option(
      names = "--seed",
      paramLabel = "S",
      description =
          "Seed of the random cases, which draws them again for a regrade; recorded in"
              + " provenance.json, never shown to students. Default: a new seed each run.")
  Long seed;

  private RandomCases randomCases() {
    if (randomCases < 0 || randomCases > RandomCases.MAX) {
      throw new UsageException(
          "--random-cases must be between 0 and " + RandomCases.MAX + ", found " + randomCases);
    }
    if (randomCases == 0) {
      if (seed != null) {
        throw new UsageException("--seed draws random cases: give --random-cases K too");
      }
      return RandomCases.NONE;
    }
    return new RandomCases(
        randomCases, seed != null ? seed : ThreadLocalRandom.current().nextLong());
  }
}
