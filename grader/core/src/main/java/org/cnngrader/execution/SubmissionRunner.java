package org.cnngrader.execution;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.cnngrader.runner.Member;

/**
 * Runs a compiled submission's cases in child JVMs: one child for as many cases as it survives, and
 * a fresh one after a child was killed or died, so that one bad case cannot take the others down.
 * It knows nothing of expected values or points.
 */
public final class SubmissionRunner {

  private final Limits limits;

  public SubmissionRunner(Limits limits) {
    this.limits = limits;
  }

  /**
   * Runs every case against the class {@code className} found in {@code classes}.
   *
   * @throws IOException when a child JVM cannot be started at all: a fault of the machine, not the
   *     student
   */
  public Execution run(Path classes, String className, List<CaseInputs> cases) throws IOException {
    OutputCollector output = new OutputCollector(OutputCollector.DEFAULT_CAP_BYTES);
    List<CaseRun> runs = new ArrayList<>();
    Map<Member, String> contract = null;
    ChildJvm child = null;
    try {
      for (CaseInputs inputs : cases) {
        if (child == null || child.isDead()) {
          if (child != null) {
            child.close();
          }
          child = ChildJvm.start(classes, className, limits, output);
          Map<Member, String> problems = child.readContract();
          contract = contract == null ? problems : contract;
        }
        runs.add(child.run(inputs));
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
    return new Execution(contract, runs, output.snapshot());
  }

  private Map<Member, String> contractOnly(Path classes, String className, OutputCollector output)
      throws IOException {
    try (ChildJvm child = ChildJvm.start(classes, className, limits, output)) {
      return child.readContract();
    }
  }
}
