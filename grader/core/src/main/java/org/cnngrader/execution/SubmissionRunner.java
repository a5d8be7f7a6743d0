package org.cnngrader.execution;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cnngrader.resources.ChildUsage;
import org.cnngrader.runner.LayerContract;
import org.cnngrader.runner.Member;
import org.cnngrader.sandbox.Sandbox;

/**
 * Runs a compiled submission's cases in child JVMs: one child for as many cases as it survives, and
 * a fresh one after a child was killed, died, ran out of memory or stack, or was left with a thread
 * of the student's running, so that one bad case cannot take the others down. It knows nothing of
 * expected values or points.
 */
public final class SubmissionRunner {

  private final Sandbox sandbox;
  private final Limits limits;

  public SubmissionRunner(Sandbox sandbox, Limits limits) {
    this.sandbox = sandbox;
    this.limits = limits;
  }

  /**
   * Whether to run the gradient check once the cases have run, and on which inputs: the caller
   * judges the runs (this class knows nothing of expected values).
   */
  @FunctionalInterface
  public interface GradientCheckRequest {
    List<CaseInputs> after(
        Map<LayerContract, Map<Member, String>> contracts, List<List<CaseRun>> runs);

    GradientCheckRequest NEVER = (contracts, runs) -> List.of();
  }

  /**
   * When a submission's time runs out; one is shared by all the runs of a submission. It counts the
   * CPU time its calls were charged, with a wall-clock backstop {@link Limits#WALL_FACTOR} times
   * longer.
   */
  public static final class Deadline {
    private final Duration limit;
    private final long wallEnd;
    private Duration used = Duration.ZERO;

    public Deadline(Duration limit) {
      this.limit = limit;
      this.wallEnd = System.nanoTime() + Limits.wallBackstop(limit).toNanos();
    }

    /** CPU time left, or none once the wall-clock backstop has passed. */
    Duration remaining() {
      if (System.nanoTime() - wallEnd >= 0) {
        return Duration.ZERO;
      }
      return limit.minus(used);
    }

    void charge(Duration cpu) {
      used = used.plus(cpu);
    }

    boolean passed() {
      Duration remaining = remaining();
      return remaining.isNegative() || remaining.isZero();
    }

    /** The call limit, or less when the submission's time ends sooner. */
    Duration clip(Duration callLimit) {
      Duration remaining = remaining();
      return remaining.compareTo(callLimit) < 0 ? remaining : callLimit;
    }

    Duration limit() {
      return limit;
    }
  }

  /**
   * Runs every case of every group against the layers {@code contracts} describe, found in {@code
   * classes}, within the submission's {@code deadline}, in as few child JVMs as the cases allow:
   * the groups (public cases, then hidden ones) share a child, but what the code prints is kept per
   * group, and a group after one whose cases left daemon threads running gets a fresh child. Each
   * group's output holds nothing printed after a later group's first input was sent.
   *
   * <p>Then, when {@code gradientCheckRequest} asks for it and time is left, the gradient check
   * runs on each of the layers' inputs it gives, in the last group's child (or a fresh one); what
   * it prints is dropped.
   *
   * @return one execution per group, in order, and the gradient checks' outcomes
   * @throws IOException when a child JVM cannot be started at all: a fault of the machine, not the
   *     student
   */
  public SubmissionRun run(
      Path classes,
      List<LayerContract> contracts,
      List<List<CaseInputs>> groups,
      Deadline deadline,
      GradientCheckRequest gradientCheckRequest)
      throws IOException {
    OutputCollector output = new OutputCollector(OutputCollector.DEFAULT_CAP_BYTES);
    List<List<CaseRun>> runs = new ArrayList<>();
    List<List<Duration>> childStarts = new ArrayList<>();
    Map<LayerContract, CallOutcome<ProbedGradients>> checked;
    Map<LayerContract, Map<Member, String>> contract;
    List<ChildUsage> usage;
    Map<LayerContract, Duration> caseCpu = new LinkedHashMap<>();
    Children children = new Children(classes, contracts, output);
    try {
      for (int section = 0; section < groups.size(); section++) {
        if (section > 0) {
          children.startSection(section);
        }
        List<Duration> starts = new ArrayList<>();
        runs.add(runGroup(children, groups.get(section), deadline, starts, caseCpu));
        childStarts.add(starts);
      }
      checked = gradientCheck(children, groups.size(), deadline, gradientCheckRequest, runs);
      contract = children.contract();
    } finally {
      children.close();
    }
    usage = children.usage();
    output.awaitDrained(Duration.ofSeconds(2));
    List<Execution> executions = new ArrayList<>();
    for (int section = 0; section < groups.size(); section++) {
      executions.add(
          new Execution(
              contract, runs.get(section), output.snapshot(section), childStarts.get(section)));
    }
    return new SubmissionRun(executions, checked, usage, caseCpu);
  }

  private List<CaseRun> runGroup(
      Children children,
      List<CaseInputs> group,
      Deadline deadline,
      List<Duration> starts,
      Map<LayerContract, Duration> caseCpu)
      throws IOException {
    List<CaseRun> runs = new ArrayList<>();
    for (CaseInputs inputs : group) {
      if (deadline.passed()) {
        runs.add(outOfTime(inputs.contract(), deadline));
        continue;
      }
      ChildJvm child = children.fit(starts);
      Duration limit = deadline.clip(limits.callTimeout());
      Duration charged = child.charged();
      CaseRun run = child.run(inputs, limit);
      Duration used = child.charged().minus(charged);
      deadline.charge(used);
      caseCpu.merge(inputs.contract(), used, Duration::plus);
      boolean cutByDeadline = limit.compareTo(limits.callTimeout()) < 0;
      runs.add(cutByDeadline ? blameDeadline(run, deadline) : run);
      children.caseEnded(run);
    }
    return runs;
  }

  /**
   * The check calls forward hundreds of times: what that prints goes to a section of its own, which
   * no one is shown.
   */
  private Map<LayerContract, CallOutcome<ProbedGradients>> gradientCheck(
      Children children,
      int checkSection,
      Deadline deadline,
      GradientCheckRequest request,
      List<List<CaseRun>> runs)
      throws IOException {
    Map<LayerContract, CallOutcome<ProbedGradients>> checked = new LinkedHashMap<>();
    List<CaseInputs> wanted =
        children.hasContract() ? request.after(children.contract(), runs) : List.of();
    if (wanted.isEmpty()) {
      return checked;
    }
    children.startSection(checkSection);
    for (CaseInputs inputs : wanted) {
      if (deadline.passed()) {
        break;
      }
      ChildJvm child = children.fit(new ArrayList<>());
      Duration charged = child.charged();
      checked.put(
          inputs.contract(), child.checkGradients(inputs, deadline.clip(limits.callTimeout())));
      deadline.charge(child.charged().minus(charged));
    }
    return checked;
  }

  /**
   * The child JVMs of one submission, one at a time: started when a case needs one, replaced after
   * a case that left it unfit, and closed at the end. It keeps the first contract report.
   */
  private final class Children {
    private final Path classes;
    private final List<LayerContract> contracts;
    private final OutputCollector output;
    private ChildJvm child;
    private boolean threadsLeft;
    private Map<LayerContract, Map<Member, String>> contract;
    private final List<ChildUsage> usage = new ArrayList<>();

    Children(Path classes, List<LayerContract> contracts, OutputCollector output) {
      this.classes = classes;
      this.contracts = contracts;
      this.output = output;
    }

    /**
     * A live child, started afresh when there is none; its start-up time goes to {@code starts}.
     */
    ChildJvm fit(List<Duration> starts) throws IOException {
      if (child == null || child.isDead()) {
        closeChild();
        long started = System.nanoTime();
        child = ChildJvm.start(sandbox, classes, contracts, limits, output);
        List<Map<Member, String>> reports = child.readContracts();
        starts.add(Duration.ofNanos(System.nanoTime() - started));
        if (contract == null) {
          contract = new LinkedHashMap<>();
          for (int i = 0; i < contracts.size(); i++) {
            contract.put(contracts.get(i), reports.get(i));
          }
        }
      }
      return child;
    }

    void caseEnded(CaseRun run) {
      threadsLeft |= run.backgroundThreads() > 0;
      if (run.leftChildUnfit()) {
        closeChild();
      }
    }

    /**
     * Starts output section {@code section}; daemon threads of an earlier section stay behind, so
     * the next one starts afresh.
     */
    void startSection(int section) {
      if (child != null && !child.isDead()) {
        child.startSection(section);
        if (threadsLeft) {
          closeChild();
        }
      }
      output.force(section);
      threadsLeft = false;
    }

    boolean hasContract() {
      return contract != null;
    }

    /** The contract report, from a child started for it alone when no case needed one. */
    Map<LayerContract, Map<Member, String>> contract() throws IOException {
      if (contract == null) {
        fit(new ArrayList<>());
      }
      return contract;
    }

    private void closeChild() {
      if (child != null) {
        child.close();
        usage.add(child.usage());
        child = null;
      }
    }

    /** What each child used, in the order they were started. */
    List<ChildUsage> usage() {
      return List.copyOf(usage);
    }

    void close() {
      closeChild();
    }
  }

  private static CaseRun outOfTime(LayerContract contract, Deadline deadline) {
    Map<String, CallOutcome<StepOutputs>> steps = new LinkedHashMap<>();
    contract
        .steps()
        .forEach(s -> steps.put(s.key(), new CallOutcome.OutOfTime<>(deadline.limit(), false)));
    return new CaseRun(new CallOutcome.OutOfTime<>(deadline.limit(), false), steps);
  }

  /** A call stopped by the submission's deadline rather than its own limit says so. */
  private static CaseRun blameDeadline(CaseRun run, Deadline deadline) {
    Map<String, CallOutcome<StepOutputs>> steps = new LinkedHashMap<>();
    run.steps().forEach((key, outcome) -> steps.put(key, blame(outcome, deadline)));
    return new CaseRun(
        blame(run.constructor(), deadline),
        steps,
        run.inputChanges(),
        run.lingeringThreads(),
        run.backgroundThreads());
  }

  private static <T> CallOutcome<T> blame(CallOutcome<T> outcome, Deadline deadline) {
    return outcome instanceof CallOutcome.TimedOut<T>
        ? new CallOutcome.OutOfTime<>(deadline.limit(), true)
        : outcome;
  }
}
