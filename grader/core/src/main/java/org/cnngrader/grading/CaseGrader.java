package org.cnngrader.grading;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.cnngrader.compare.ValueComparison;
import org.cnngrader.diagnosis.Diagnoser;
import org.cnngrader.execution.CallOutcome;
import org.cnngrader.execution.CaseRun;
import org.cnngrader.execution.StepOutputs;
import org.cnngrader.fixture.Fixture;
import org.cnngrader.layer.Layer;
import org.cnngrader.layer.Part;
import org.cnngrader.runner.LayerContract;
import org.cnngrader.runner.Member;
import org.cnngrader.runner.Result;
import org.cnngrader.runner.Step;
import org.cnngrader.tensor.NestedArray;
import org.cnngrader.tensor.Shape;
import org.cnngrader.tensor.Tensor;

/**
 * Decides every part of one case from what the child returned, and for a wrong tensor the known
 * mistake behind it, if any. The one place where pass or fail is decided; it words nothing.
 */
final class CaseGrader {

  private final Fixture fixture;
  private final Layer layer;
  private final LayerContract contract;
  private final Map<Member, String> contractProblems;
  private final ValuesRule rule;

  CaseGrader(Fixture fixture, Map<Member, String> contractProblems) {
    this(fixture, new ValuesRule(fixture), contractProblems);
  }

  CaseGrader(Fixture fixture, ValuesRule rule, Map<Member, String> contractProblems) {
    this.fixture = fixture;
    this.layer = fixture.layer();
    this.contract = layer.contract();
    this.contractProblems = contractProblems;
    this.rule = rule;
  }

  List<PartResult> grade(CaseRun run) {
    Verdict constructorProblem = constructorProblem(run.constructor());
    if (constructorProblem != null) {
      return layer.parts().stream()
          .map(p -> new PartResult(fixture, p, constructorProblem))
          .toList();
    }
    Map<String, NestedOrFailure> results = new LinkedHashMap<>();
    Map<String, Verdict> stepFailures = new LinkedHashMap<>();
    for (Step step : contract.steps()) {
      outputs(step, run.step(step.key()), stepFailures, results);
    }
    Set<Member> warned = new HashSet<>();
    List<PartResult> parts = new ArrayList<>();
    for (Part part : layer.parts()) {
      NestedOrFailure result = results.get(part.tensor());
      Tensor expected = fixture.expected(part.tensor());
      if (part.shapeOnly()) {
        parts.add(new PartResult(fixture, part, shapeOnly(result, part.tensor(), expected)));
        continue;
      }
      Step step = layer.stepOf(part.tensor());
      List<Warning> warnings = warned.add(step.member()) ? warnings(run, step) : List.of();
      Verdict verdict = leftNull(values(result, part.tensor(), expected), part.tensor());
      parts.add(new PartResult(fixture, part, verdict, warnings));
    }
    return parts;
  }

  /**
   * What a call did wrong without costing points: inputs it modified (on the part it produces
   * first), and, with the first step, threads the case left running.
   */
  private List<Warning> warnings(CaseRun run, Step step) {
    List<Warning> warnings = new ArrayList<>();
    run.inputChanges().stream()
        .filter(change -> change.call().equals(step.member()))
        .forEach(change -> warnings.add(new Warning.InputModified(change)));
    if (step.equals(contract.steps().get(0)) && !run.lingeringThreads().isEmpty()) {
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
    return new Verdict.ConstructorFailed(contract, fixture.setting(), constructor);
  }

  /** Each output of {@code step}, or the failure that left it without one. */
  private void outputs(
      Step step,
      CallOutcome<StepOutputs> outcome,
      Map<String, Verdict> stepFailures,
      Map<String, NestedOrFailure> results) {
    Verdict failure = null;
    if (outcome instanceof CallOutcome.Skipped<StepOutputs> skipped
        && stepFailures.containsKey(skipped.after().key())) {
      failure =
          new Verdict.NotRun(
              step.member(), skipped.after(), stepFailures.get(skipped.after().key()));
    } else if (outcome instanceof CallOutcome.Returned<StepOutputs> returned) {
      if (returned.value() == null) {
        failure = new Verdict.ReturnedNull(step.member(), step.result().javaType());
      } else {
        for (Result.Output output : step.result().outputs()) {
          results.put(output.key(), new NestedOrFailure(returned.value().get(output.key()), null));
        }
        return;
      }
    } else {
      failure = failure(step, outcome);
    }
    stepFailures.put(step.key(), failure);
    for (Result.Output output : step.result().outputs()) {
      results.put(output.key(), new NestedOrFailure(null, failure));
    }
  }

  private Verdict failure(Step step, CallOutcome<?> outcome) {
    if (outcome instanceof CallOutcome.Unavailable<?> unavailable) {
      return missing(unavailable.missing());
    }
    if (outcome instanceof CallOutcome.Threw<?> threw && isStub(step, threw)) {
      return new Verdict.NotImplemented(step.member(), threw);
    }
    return new Verdict.CallFailed(step.member(), outcome);
  }

  /**
   * A stub throws UnsupportedOperationException from the called method itself; the same exception
   * from deeper down (say, adding to List.of()) is a bug, not a missing implementation.
   */
  private boolean isStub(Step step, CallOutcome.Threw<?> threw) {
    return threw.type().equals(UnsupportedOperationException.class.getName())
        && !threw.frames().isEmpty()
        && threw.frames().get(0).startsWith(contract.className() + "." + step.method() + "(");
  }

  private Verdict missing(Member member) {
    Member reported = contractProblems.containsKey(Member.CLASS) ? Member.CLASS : member;
    return new Verdict.Missing(reported, contract, contractProblems.getOrDefault(reported, "none"));
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
            Diagnoser.ofValues(fixture, tensor, actual, rule.bounds())
                .or(() -> Diagnoser.ofUnfinished(fixture.setting(), tensor, actual))
                .orElse(null));
  }

  /** A gradient that is null itself, or whose record is: backward looks unfinished. */
  private Verdict leftNull(Verdict verdict, String tensor) {
    if (verdict instanceof Verdict.ReturnedNull none) {
      return Diagnoser.ofUnfinished(fixture.setting(), tensor, null)
          .<Verdict>map(none::withDiagnosis)
          .orElse(verdict);
    }
    if (verdict instanceof Verdict.Irregular irregular
        && irregular.problem() instanceof NestedArray.NullAt at
        && at.where().equals(tensor)) {
      return Diagnoser.ofUnfinished(fixture.setting(), tensor, null)
          .<Verdict>map(irregular::withDiagnosis)
          .orElse(verdict);
    }
    return verdict;
  }

  private Verdict shapeProblem(NestedOrFailure result, String tensor, Tensor expected) {
    if (result.failure() != null) {
      return result.failure();
    }
    if (!(result.nested() instanceof NestedArray.Regular regular)) {
      return new Verdict.Irregular(tensor, result.nested());
    }
    if (!regular.tensor().shape().equals(expected.shape())) {
      Shape actual = regular.tensor().shape();
      return new Verdict.WrongShape(
          tensor,
          expected.shape(),
          actual,
          fixture.setting(),
          Diagnoser.ofShape(fixture.setting(), tensor, actual).orElse(null));
    }
    return null;
  }
}
