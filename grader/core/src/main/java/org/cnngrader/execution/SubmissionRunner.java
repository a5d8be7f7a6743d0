package org.cnngrader.execution;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
    Optional<CaseInputs> after(Map<Member, String> contract, List<List<CaseRun>> runs);

    GradientCheckRequest NEVER = (contract, runs) -> Optional.empty();
  }

  /** When a submission's time runs out; one is shared by all the runs of a submission. */
  public static final class Deadline {
    private final Duration limit;
    private final long end;

    public Deadline(Duration limit) {
      this.limit = limit;
      this.end = System.nanoTime() + limit.toNanos();
    }

    Duration remaining() {
      return Duration.ofNanos(end - System.nanoTime());
    }

    Duration limit() {
      return limit;
    }
  }

  /**
   * Runs every case of every group against the class {@code className} found in {@code classes},
   * within the submission's {@code deadline}, in as few child JVMs as the cases allow: the groups
   * (public cases, then hidden ones) share a child, but what the code prints is kept per group, and
   * a group after one whose cases left daemon threads running gets a fresh child. Each group's
   * output holds nothing printed after a later group's first input was sent.
   *
   * <p>Then, when {@code gradientCheckRequest} asks for it and time is left, the gradient check
   * runs on the inputs it gives, in the last group's child (or a fresh one); what it prints is
   * dropped.
   *
   * @return one execution per group, in order, and the gradient check's outcome
   * @throws IOException when a child JVM cannot be started at all: a fault of the machine, not the
   *     student
   */
  public SubmissionRun run(
      Path classes,
      String className,
      List<List<CaseInputs>> groups,
      Deadline deadline,
      GradientCheckRequest gradientCheckRequest)
      throws IOException {
    Optional<CallOutcome<ProbedGradients>> checked = Optional.empty();
    OutputCollector output = new OutputCollector(OutputCollector.DEFAULT_CAP_BYTES);
    List<List<CaseRun>> runs = new ArrayList<>();
    List<List<Duration>> childStarts = new ArrayList<>();
    Map<Member, String> contract = null;
    ChildJvm child = null;
    boolean threadsLeft = false;
    try {
      for (int section = 0; section < groups.size(); section++) {
        if (section > 0) {
          if (child != null && !child.isDead()) {
            child.startSection(section);
            if (threadsLeft) {
              // Daemon threads of an earlier section stay behind: the next one starts afresh.
              child.close();
              child = null;
            }
          }
          output.force(section);
          threadsLeft = false;
        }
        List<CaseRun> groupRuns = new ArrayList<>();
        List<Duration> groupStarts = new ArrayList<>();
        runs.add(groupRuns);
        childStarts.add(groupStarts);
        for (CaseInputs inputs : groups.get(section)) {
          Duration remaining = deadline.remaining();
          if (remaining.isNegative() || remaining.isZero()) {
            groupRuns.add(outOfTime(deadline));
            continue;
          }
          if (child == null || child.isDead()) {
            if (child != null) {
              child.close();
            }
            long started = System.nanoTime();
            child = ChildJvm.start(sandbox, classes, className, limits, output);
            Map<Member, String> problems = child.readContract();
            groupStarts.add(Duration.ofNanos(System.nanoTime() - started));
            contract = contract == null ? problems : contract;
          }
          boolean cutByDeadline = remaining.compareTo(limits.callTimeout()) < 0;
          CaseRun run = child.run(inputs, cutByDeadline ? remaining : limits.callTimeout());
          groupRuns.add(cutByDeadline ? blameDeadline(run, deadline) : run);
          threadsLeft |= run.backgroundThreads() > 0;
          if (run.leftChildUnfit()) {
            child.close();
            child = null;
          }
        }
      }
      Duration remaining = deadline.remaining();
      Optional<CaseInputs> gradientCheck =
          contract == null ? Optional.empty() : gradientCheckRequest.after(contract, runs);
      if (gradientCheck.isPresent() && !remaining.isNegative() && !remaining.isZero()) {
        // The check calls forward hundreds of times: what that prints goes to a section of its
        // own, which no one is shown.
        int checkSection = groups.size();
        if (child != null && !child.isDead()) {
          child.startSection(checkSection);
        }
        output.force(checkSection);
        if (child == null || child.isDead()) {
          if (child != null) {
            child.close();
          }
          child = ChildJvm.start(sandbox, classes, className, limits, output);
          Map<Member, String> problems = child.readContract();
          contract = contract == null ? problems : contract;
        }
        Duration limit =
            remaining.compareTo(limits.callTimeout()) < 0 ? remaining : limits.callTimeout();
        checked = Optional.of(child.checkGradients(gradientCheck.get(), limit));
      }
    } finally {
      if (child != null) {
        child.close();
      }
    }
    if (contract == null) {
      contract = contractOnly(classes, className, output);
    }
    output.awaitDrained(Duration.ofSeconds(2));
    List<Execution> executions = new ArrayList<>();
    for (int section = 0; section < groups.size(); section++) {
      executions.add(
          new Execution(
              contract, runs.get(section), output.snapshot(section), childStarts.get(section)));
    }
    return new SubmissionRun(executions, checked);
  }

  private static CaseRun outOfTime(Deadline deadline) {
    return new CaseRun(
        new CallOutcome.OutOfTime<>(deadline.limit(), false),
        new CallOutcome.OutOfTime<>(deadline.limit(), false),
        new CallOutcome.OutOfTime<>(deadline.limit(), false));
  }

  /** A call stopped by the submission's deadline rather than its own limit says so. */
  private static CaseRun blameDeadline(CaseRun run, Deadline deadline) {
    return new CaseRun(
        blame(run.constructor(), deadline),
        blame(run.forward(), deadline),
        blame(run.backward(), deadline),
        run.inputChanges(),
        run.lingeringThreads(),
        run.backgroundThreads());
  }

  private static <T> CallOutcome<T> blame(CallOutcome<T> outcome, Deadline deadline) {
    return outcome instanceof CallOutcome.TimedOut<T>
        ? new CallOutcome.OutOfTime<>(deadline.limit(), true)
        : outcome;
  }

  private Map<Member, String> contractOnly(Path classes, String className, OutputCollector output)
      throws IOException {
    try (ChildJvm child = ChildJvm.start(sandbox, classes, className, limits, output)) {
      return child.readContract();
    }
  }
}
