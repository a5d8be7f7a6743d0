package org.cnngrader.grading;

import java.util.List;
import java.util.Optional;
import org.cnngrader.compare.ValueComparison;
import org.cnngrader.compile.Compilation;
import org.cnngrader.diagnosis.Diagnosis;
import org.cnngrader.execution.CallOutcome;
import org.cnngrader.inspect.Finding;
import org.cnngrader.layer.Setting;
import org.cnngrader.runner.LayerContract;
import org.cnngrader.runner.Member;
import org.cnngrader.tensor.NestedArray;
import org.cnngrader.tensor.Shape;
import org.cnngrader.tensor.Tensor;

/** Why a part passed or failed: decided by {@link CaseGrader}, worded by the feedback package. */
public sealed interface Verdict {

  /** Calls the visitor's method for this kind of verdict. */
  <R> R accept(Visitor<R> visitor);

  /** The known mistake behind {@code verdict}, of the kinds that carry one. */
  static Optional<Diagnosis> diagnosisOf(Verdict verdict) {
    if (verdict instanceof WrongValues wrong) {
      return Optional.ofNullable(wrong.diagnosis());
    }
    if (verdict instanceof WrongShape shape) {
      return Optional.ofNullable(shape.diagnosis());
    }
    if (verdict instanceof Irregular irregular) {
      return Optional.ofNullable(irregular.diagnosis());
    }
    if (verdict instanceof ReturnedNull none) {
      return Optional.ofNullable(none.diagnosis());
    }
    return Optional.empty();
  }

  /**
   * {@code verdict} with {@code diagnosis} (null for none) where its kind carries one, else {@code
   * verdict} itself.
   */
  static Verdict withDiagnosis(Verdict verdict, Diagnosis diagnosis) {
    if (verdict instanceof WrongValues wrong) {
      return wrong.withDiagnosis(diagnosis);
    }
    if (verdict instanceof WrongShape shape) {
      return shape.withDiagnosis(diagnosis);
    }
    if (verdict instanceof Irregular irregular) {
      return irregular.withDiagnosis(diagnosis);
    }
    if (verdict instanceof ReturnedNull none) {
      return none.withDiagnosis(diagnosis);
    }
    return verdict;
  }

  /**
   * One method per kind of verdict: whoever words or weighs verdicts implements all of them, and a
   * new kind fails to compile until every visitor handles it.
   */
  interface Visitor<R> {
    R passed(Passed verdict);

    R wrongShape(WrongShape verdict);

    R irregular(Irregular verdict);

    R wrongValues(WrongValues verdict);

    R returnedNull(ReturnedNull verdict);

    R callFailed(CallFailed verdict);

    R notImplemented(NotImplemented verdict);

    R notRun(NotRun verdict);

    R constructorFailed(ConstructorFailed verdict);

    R missing(Missing verdict);

    R refused(Refused verdict);

    R classNotCompiled(ClassNotCompiled verdict);

    R notCompiled(NotCompiled verdict);
  }

  /** The part is right; {@code comparison} is absent for the shape part. */
  record Passed(String tensor, ValueComparison comparison) implements Verdict {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.passed(this);
    }
  }

  /**
   * The tensor has the wrong shape; {@code setting} holds the case's numbers for the derivation,
   * {@code diagnosis} the known mistake that gives this shape, or null when none does.
   */
  record WrongShape(
      String tensor, Shape expected, Shape actual, Setting setting, Diagnosis diagnosis)
      implements Verdict {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.wrongShape(this);
    }

    public WrongShape(String tensor, Shape expected, Shape actual, Setting setting) {
      this(tensor, expected, actual, setting, null);
    }

    public WrongShape withDiagnosis(Diagnosis newDiagnosis) {
      return new WrongShape(tensor, expected, actual, setting, newDiagnosis);
    }
  }

  /**
   * The tensor is null somewhere or ragged, so it has no shape at all; {@code diagnosis} is the
   * known mistake behind it (a gradient left null), or null.
   */
  record Irregular(String tensor, NestedArray problem, Diagnosis diagnosis) implements Verdict {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.irregular(this);
    }

    public Irregular(String tensor, NestedArray problem) {
      this(tensor, problem, null);
    }

    public Irregular withDiagnosis(Diagnosis newDiagnosis) {
      return new Irregular(tensor, problem, newDiagnosis);
    }
  }

  /**
   * The shape is right, some values are not; {@code expected} and {@code actual} are kept for
   * reports that show where; {@code diagnosis} is the known mistake whose values {@code actual}
   * matches, or null when none does.
   */
  record WrongValues(
      String tensor,
      ValueComparison comparison,
      Tensor expected,
      Tensor actual,
      Diagnosis diagnosis)
      implements Verdict {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.wrongValues(this);
    }

    public WrongValues(String tensor, ValueComparison comparison, Tensor expected, Tensor actual) {
      this(tensor, comparison, expected, actual, null);
    }

    public WrongValues withDiagnosis(Diagnosis newDiagnosis) {
      return new WrongValues(tensor, comparison, expected, actual, newDiagnosis);
    }
  }

  /**
   * The call that produces the part returned null instead of a record of {@code type}; {@code
   * diagnosis} is the known mistake behind it (a backward left unfinished), or null.
   */
  record ReturnedNull(Member call, String type, Diagnosis diagnosis) implements Verdict {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.returnedNull(this);
    }

    public ReturnedNull(Member call, String type) {
      this(call, type, null);
    }

    public ReturnedNull withDiagnosis(Diagnosis newDiagnosis) {
      return new ReturnedNull(call, type, newDiagnosis);
    }
  }

  /** The call that produces the part did not return: it threw, timed out or its JVM ended. */
  record CallFailed(Member call, CallOutcome<?> outcome) implements Verdict {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.callFailed(this);
    }
  }

  /**
   * The method is still a stub: it threw UnsupportedOperationException from its own first line, as
   * the template's methods do.
   */
  record NotImplemented(Member call, CallOutcome.Threw<?> threw) implements Verdict {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.notImplemented(this);
    }
  }

  /**
   * The call was not made because an earlier call of the case failed, for the reason {@code
   * blocker}.
   */
  record NotRun(Member call, Member blockedBy, Verdict blocker) implements Verdict {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.notRun(this);
    }
  }

  /** The constructor threw, so the case's methods could not be called. */
  record ConstructorFailed(LayerContract contract, Setting setting, CallOutcome<?> outcome)
      implements Verdict {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.constructorFailed(this);
    }
  }

  /**
   * A member of the contract is missing or has the wrong signature; {@code found} says what was
   * there.
   */
  record Missing(Member member, LayerContract contract, String found) implements Verdict {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.missing(this);
    }
  }

  /**
   * The submission was not run: the static check found what the course's policy forbids, {@code
   * findings}.
   */
  record Refused(List<Finding> findings) implements Verdict {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.refused(this);
    }

    public Refused {
      findings = List.copyOf(findings);
    }
  }

  /**
   * The layer's class did not compile and was left out, so its parts were not run; {@code error} is
   * the first error of its file.
   */
  record ClassNotCompiled(String className, String error) implements Verdict {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.classNotCompiled(this);
    }
  }

  /** Nothing could run: the submission has no sources or does not compile. */
  record NotCompiled(Compilation compilation) implements Verdict {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.notCompiled(this);
    }
  }
}
