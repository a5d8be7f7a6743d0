package org.cnngrader.grading;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.cnngrader.compile.Compilation;
import org.cnngrader.compile.SubmissionCompiler;
import org.cnngrader.execution.CallOutcome;
import org.cnngrader.execution.CapturedOutput;
import org.cnngrader.execution.CaseInputs;
import org.cnngrader.execution.CaseRun;
import org.cnngrader.execution.Execution;
import org.cnngrader.execution.ProbedGradients;
import org.cnngrader.execution.SubmissionRun;
import org.cnngrader.execution.SubmissionRunner;
import org.cnngrader.files.FileTrees;
import org.cnngrader.fixture.Fixture;
import org.cnngrader.fixture.FixtureSet;
import org.cnngrader.fixture.Visibility;
import org.cnngrader.inspect.Inspection;
import org.cnngrader.layer.Layer;
import org.cnngrader.layer.Part;
import org.cnngrader.runner.LayerContract;
import org.cnngrader.runner.Member;
import org.cnngrader.sandbox.Sandbox;

/**
 * Grades one submission on a fixture set: compile (unless the classes are given), scan the classes
 * (a policy may forbid running them), run every case in child JVMs, then decide every part.
 * Expected values never leave this JVM.
 */
public final class SubmissionGrader {

  private final FixtureSet fixtures;
  private final GradingOptions options;
  private final Sandbox sandbox;
  private final ValuesRules rules;

  public SubmissionGrader(FixtureSet fixtures, GradingOptions options, Sandbox sandbox) {
    this.fixtures = fixtures;
    this.options = options;
    this.sandbox = sandbox;
    this.rules = new ValuesRules(fixtures);
  }

  /**
   * Compiles and grades the sources below {@code folder}.
   *
   * @throws IOException on a fault of the machine (no temporary folder, no child JVM), never of the
   *     student
   */
  public SubmissionResult grade(String id, Path folder) throws IOException {
    long start = System.nanoTime();
    Path work = Files.createTempDirectory("cnn-grader-work-");
    try {
      Compilation compilation =
          new SubmissionCompiler(
                  fixtures.layers().stream().map(Layer::contract).toList(),
                  options.compileTimeout())
              .compile(folder, work);
      if (compilation instanceof Compilation.Compiled compiled) {
        return run(
            id, compiled.classes(), Optional.of(compilation), compiled.classesLeftOut(), start);
      }
      return notGraded(id, compilation, start);
    } finally {
      FileTrees.deleteQuietly(work);
    }
  }

  /**
   * The result of a submission that could not even be taken in, e.g. an archive that is unsafe to
   * extract: every part scores 0 with {@code reason}.
   */
  public SubmissionResult rejected(String id, String reason) {
    return notGraded(id, new Compilation.NoSources(reason), System.nanoTime());
  }

  private SubmissionResult notGraded(String id, Compilation compilation, long start) {
    List<PartResult> parts = new ArrayList<>();
    for (Fixture fixture : fixtures.fixtures()) {
      for (Part part : fixture.layer().parts()) {
        parts.add(new PartResult(fixture, part, new Verdict.NotCompiled(compilation)));
      }
    }
    return new SubmissionResult(
        id,
        parts,
        Optional.of(compilation),
        Optional.empty(),
        CapturedOutput.NONE,
        CapturedOutput.NONE,
        List.of(),
        List.of(),
        Map.of(),
        since(start));
  }

  /** Grades classes compiled elsewhere, e.g. by the student's own build. */
  public SubmissionResult gradeCompiled(String id, Path classes) throws IOException {
    return run(id, classes, Optional.empty(), Map.of(), System.nanoTime());
  }

  /**
   * Runs public and hidden cases (one child JVM for both while it lasts), keeping what the code
   * prints while it works on hidden inputs out of the student's feedback. The layers whose class
   * did not compile ({@code classesLeftOut}) lose their parts, and only theirs.
   */
  private SubmissionResult run(
      String id,
      Path classes,
      Optional<Compilation> compilation,
      Map<String, String> classesLeftOut,
      long start)
      throws IOException {
    Inspection inspection = Inspection.of(classes, options.policy());
    if (inspection.zeroes()) {
      Verdict refused = new Verdict.Refused(inspection.zeroing());
      List<PartResult> parts = new ArrayList<>();
      for (Fixture fixture : fixtures.fixtures()) {
        for (Part part : fixture.layer().parts()) {
          parts.add(new PartResult(fixture, part, refused));
        }
      }
      return new SubmissionResult(
          id,
          parts,
          compilation,
          Optional.of(inspection),
          CapturedOutput.NONE,
          CapturedOutput.NONE,
          List.of(),
          List.of(),
          Map.of(),
          since(start));
    }
    SubmissionRunner runner = new SubmissionRunner(sandbox, options.limits());
    SubmissionRunner.Deadline deadline =
        new SubmissionRunner.Deadline(options.limits().submissionTimeout());
    List<PartResult> parts = new ArrayList<>();
    List<Visibility> visibilities = new ArrayList<>();
    List<List<Fixture>> groups = new ArrayList<>();
    GradedCases graded = new GradedCases();
    for (Visibility visibility : Visibility.values()) {
      List<Fixture> group = new ArrayList<>();
      for (Fixture fixture : fixtures.only(visibility).fixtures()) {
        String className = fixture.layer().contract().className();
        if (classesLeftOut.containsKey(className)) {
          Verdict notCompiled =
              new Verdict.ClassNotCompiled(className, classesLeftOut.get(className));
          for (Part part : fixture.layer().parts()) {
            parts.add(new PartResult(fixture, part, notCompiled));
          }
        } else {
          group.add(fixture);
        }
      }
      if (!group.isEmpty()) {
        visibilities.add(visibility);
        groups.add(group);
      }
    }
    List<LayerContract> contracts =
        groups.stream().flatMap(List::stream).map(f -> f.layer().contract()).distinct().toList();
    SubmissionRun run =
        runner.run(
            classes,
            contracts,
            groups.stream()
                .map(group -> group.stream().map(SubmissionGrader::inputsOf).toList())
                .toList(),
            deadline,
            (contract, runs) -> GradientChecks.wanted(groups, contract, runs, graded::of));
    List<Execution> executions = run.executions();
    Map<Visibility, CapturedOutput> output = new EnumMap<>(Visibility.class);
    List<Duration> childStarts = new ArrayList<>();
    for (int g = 0; g < groups.size(); g++) {
      List<Fixture> group = groups.get(g);
      Execution execution = executions.get(g);
      for (int i = 0; i < group.size(); i++) {
        Fixture fixture = group.get(i);
        Map<Member, String> problems =
            execution.contractProblems().getOrDefault(fixture.layer().contract(), Map.of());
        for (PartResult part : graded.of(fixture, problems, execution.runs().get(i))) {
          parts.add(options.credit().map(part::withCredit).orElse(part));
        }
      }
      output.put(visibilities.get(g), execution.output());
      childStarts.addAll(execution.childStarts());
    }
    // A hint holds for the whole submission, or is not given.
    List<PartResult> consistent =
        new ArrayList<>(
            AmbiguousShapes.settledByOtherCases(
                UnfinishedGradients.acrossCases(ConsistentDiagnoses.acrossCases(parts))));
    parts.clear();
    parts.addAll(consistent);
    // The check explains; it earns nothing. A check that could not finish says nothing.
    Map<LayerContract, CallOutcome<ProbedGradients>> checks =
        new LinkedHashMap<>(run.gradientChecks());
    for (Fixture fixture : fixtures.fixtures()) {
      Layer layer = fixture.layer();
      if (checks.remove(layer.contract()) instanceof CallOutcome.Returned<ProbedGradients> probed) {
        List<PartResult> explained =
            ConsistentDiagnoses.followingForward(
                GradientChecks.explain(parts, GradientChecks.decide(layer, probed.value())), layer);
        parts.clear();
        parts.addAll(explained);
      }
    }
    List<PartResult> reached = ConsistentDiagnoses.withReach(parts);
    parts.clear();
    parts.addAll(reached);
    return new SubmissionResult(
        id,
        inFixtureOrder(parts),
        compilation,
        Optional.of(inspection),
        output.getOrDefault(Visibility.PUBLIC, CapturedOutput.NONE),
        output.getOrDefault(Visibility.HIDDEN, CapturedOutput.NONE),
        childStarts,
        run.children(),
        cpuByLayer(run.caseCpu()),
        since(start));
  }

  private Map<String, Duration> cpuByLayer(Map<LayerContract, Duration> caseCpu) {
    Map<String, Duration> byLayer = new LinkedHashMap<>();
    for (Fixture fixture : fixtures.fixtures()) {
      Duration cpu = caseCpu.get(fixture.layer().contract());
      if (cpu != null) {
        byLayer.putIfAbsent(fixture.layer().id(), cpu);
      }
    }
    return byLayer;
  }

  /**
   * Each case's parts, graded once per submission: the gradient check asks for them before the
   * results are gathered, from the same runs.
   */
  private final class GradedCases {
    private final IdentityHashMap<Fixture, List<PartResult>> parts = new IdentityHashMap<>();

    List<PartResult> of(Fixture fixture, Map<Member, String> problems, CaseRun run) {
      return parts.computeIfAbsent(
          fixture, f -> new CaseGrader(f, rules.of(f), problems).grade(run));
    }
  }

  /** Parts by the fixture set's order (layer, then public before hidden), each case's in order. */
  private List<PartResult> inFixtureOrder(List<PartResult> parts) {
    Map<String, Integer> order = new java.util.HashMap<>();
    for (Fixture fixture : fixtures.fixtures()) {
      order.putIfAbsent(key(fixture), order.size());
    }
    List<PartResult> sorted = new ArrayList<>(parts);
    sorted.sort(java.util.Comparator.comparingInt(p -> order.getOrDefault(key(p.fixture()), -1)));
    return sorted;
  }

  private static String key(Fixture fixture) {
    return fixture.layer().id() + "/" + fixture.name();
  }

  private static CaseInputs inputsOf(Fixture fixture) {
    Map<String, Object> values = new LinkedHashMap<>(fixture.params().values());
    values.putAll(fixture.inputs());
    return new CaseInputs(fixture.layer().contract(), values);
  }

  private static Duration since(long start) {
    return Duration.ofNanos(System.nanoTime() - start);
  }
}
