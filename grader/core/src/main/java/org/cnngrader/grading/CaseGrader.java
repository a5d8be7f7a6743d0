package org.cnngrader.grading;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.cnngrader.compare.ValueComparison;
import org.cnngrader.diagnosis.Diagnoser;
import org.cnngrader.execution.CallOutcome;
import org.cnngrader.execution.CaseRun;
import org.cnngrader.execution.ReturnedGradients;
import org.cnngrader.fixture.ConvGeometry;
import org.cnngrader.fixture.Fixture;
import org.cnngrader.fixture.Part;
import org.cnngrader.runner.Member;
import org.cnngrader.tensor.NestedArray;
import org.cnngrader.tensor.Shape;
import org.cnngrader.tensor.Tensor;

/**
 * Decides every part of one case from what the child returned, and for a wrong tensor the known
 * mistake behind it, if any. The one place where pass or fail is decided; it words nothing.
 */
final class CaseGrader {

  private final Fixture fixture;
  private final String className;
  private final Map<Member, String> contractProblems;
  private final ValuesRule rule;

  CaseGrader(Fixture fixture, String className, Map<Member, String> contractProblems) {
    this.fixture = fixture;
    this.className = className;
    this.contractProblems = contractProblems;
    this.rule = new ValuesRule(fixture);
  }

  List<PartResult> grade(CaseRun run) {
    Verdict constructorProblem = constructorProblem(run.constructor());
    if (constructorProblem != null) {
      return List.of(Part.values()).stream()
          .map(p -> new PartResult(fixture, p, constructorProblem))
          .toList();
    }
    NestedOrFailure out = forwardOutput(run.forward());
    NestedOrFailure[] gradients = gradients(run.backward(), out);
    return List.of(
        new PartResult(
            fixture, Part.FORWARD_SHAPE, shapeOnly(out, "out", fixture.expected().out())),
        new PartResult(
            fixture,
            Part.FORWARD,
            values(out, "out", fixture.expected().out()),
            warnings(run, Member.FORWARD)),
        new PartResult(
            fixture,
            Part.DX,
            values(gradients[0], "dx", fixture.expected().dx()),
            warnings(run, Member.BACKWARD)),
        new PartResult(fixture, Part.DW, values(gradients[1], "dw", fixture.expected().dw())),
        new PartResult(fixture, Part.DB, values(gradients[2], "db", fixture.expected().db())));
  }

  /**
   * What a call did wrong without costing points: inputs it modified (on the part it produces
   * first), and, with forward, threads the case left running.
   */
  private static List<Warning> warnings(CaseRun run, Member call) {
    List<Warning> warnings = new ArrayList<>();
    run.inputChanges().stream()
        .filter(change -> change.call() == call)
        .forEach(change -> warnings.add(new Warning.InputModified(change)));
    if (call == Member.FORWARD && !run.lingeringThreads().isEmpty()) {
      warnings.add(new Warning.ThreadsLeftRunning(run.lingeringThreads()));
    }
    return warnings;
  }

  /**
   * Either what a call returned, read as a nested array, or the verdict that explains why there is
   * none.
   */
  private record NestedOrFailure(NestedArray nested, Verdict failure) {}

  private Verdict constructorProblem(CallOutcome<Void> constructor) {
    if (constructor instanceof CallOutcome.Returned) {
      return null;
    }
    if (constructor instanceof CallOutcome.Unavailable<Void> unavailable) {
      return missing(unavailable.missing());
    }
    return new Verdict.ConstructorFailed(className, fixture.geometry(), constructor);
  }

  private NestedOrFailure forwardOutput(CallOutcome<double[][][][]> forward) {
    if (forward instanceof CallOutcome.Returned<double[][][][]> returned) {
      return new NestedOrFailure(NestedArray.inspect(returned.value(), 4, "out"), null);
    }
    return new NestedOrFailure(null, failure(Member.FORWARD, forward));
  }

  private NestedOrFailure[] gradients(
      CallOutcome<ReturnedGradients> backward, NestedOrFailure out) {
    if (backward instanceof CallOutcome.Skipped<ReturnedGradients> skipped
        && skipped.after() == Member.FORWARD
        && out.failure() != null) {
      NestedOrFailure notRun =
          new NestedOrFailure(
              null, new Verdict.NotRun(Member.BACKWARD, Member.FORWARD, out.failure()));
      return new NestedOrFailure[] {notRun, notRun, notRun};
    }
    if (backward instanceof CallOutcome.Returned<ReturnedGradients> returned) {
      ReturnedGradients value = returned.value();
      if (value == null) {
        NestedOrFailure none = new NestedOrFailure(null, new Verdict.ReturnedNull(Member.BACKWARD));
        return new NestedOrFailure[] {none, none, none};
      }
      return new NestedOrFailure[] {
        new NestedOrFailure(NestedArray.inspect(value.dx(), 4, "dx"), null),
        new NestedOrFailure(NestedArray.inspect(value.dw(), 4, "dw"), null),
        new NestedOrFailure(NestedArray.inspect(value.db(), 1, "db"), null)
      };
    }
    NestedOrFailure failed = new NestedOrFailure(null, failure(Member.BACKWARD, backward));
    return new NestedOrFailure[] {failed, failed, failed};
  }

  private Verdict failure(Member call, CallOutcome<?> outcome) {
    if (outcome instanceof CallOutcome.Unavailable<?> unavailable) {
      return missing(unavailable.missing());
    }
    if (outcome instanceof CallOutcome.Threw<?> threw && isStub(call, threw)) {
      return new Verdict.NotImplemented(call, threw);
    }
    return new Verdict.CallFailed(call, outcome);
  }

  /**
   * A stub throws UnsupportedOperationException from the called method itself; the same exception
   * from deeper down (say, adding to List.of()) is a bug, not a missing implementation.
   */
  private boolean isStub(Member call, CallOutcome.Threw<?> threw) {
    String method = call == Member.FORWARD ? "forward" : "backward";
    return threw.type().equals(UnsupportedOperationException.class.getName())
        && !threw.frames().isEmpty()
        && threw.frames().get(0).startsWith(className + "." + method + "(");
  }

  private Verdict missing(Member member) {
    Member reported = contractProblems.containsKey(Member.CLASS) ? Member.CLASS : member;
    return new Verdict.Missing(
        reported, className, contractProblems.getOrDefault(reported, "none"));
  }

  private Verdict shapeOnly(NestedOrFailure result, String tensor, Tensor expected) {
    Verdict problem = shapeProblem(result, tensor, expected);
    return problem != null ? problem : new Verdict.Passed(tensor, null);
  }

  private Verdict values(NestedOrFailure result, String tensor, Tensor expected) {
    Verdict problem = shapeProblem(result, tensor, expected);
    if (problem != null) {
      return problem;
    }
    Tensor actual = ((NestedArray.Regular) result.nested()).tensor();
    ValueComparison comparison = rule.compare(tensor, actual);
    return comparison.passed()
        ? new Verdict.Passed(tensor, comparison)
        : new Verdict.WrongValues(
            tensor,
            comparison,
            expected,
            actual,
            Diagnoser.ofValues(fixture, tensor, actual).orElse(null));
  }

  private Verdict shapeProblem(NestedOrFailure result, String tensor, Tensor expected) {
    if (result.failure() != null) {
      return result.failure();
    }
    if (!(result.nested() instanceof NestedArray.Regular regular)) {
      return new Verdict.Irregular(tensor, result.nested());
    }
    ConvGeometry geometry = fixture.geometry();
    if (!regular.tensor().shape().equals(expected.shape())) {
      Shape actual = regular.tensor().shape();
      return new Verdict.WrongShape(
          tensor,
          expected.shape(),
          actual,
          geometry,
          Diagnoser.ofShape(geometry, tensor, actual).orElse(null));
    }
    return null;
  }
}
