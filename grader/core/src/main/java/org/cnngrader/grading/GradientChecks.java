package org.cnngrader.grading;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.cnngrader.compare.RelativeError;
import org.cnngrader.compare.ValueComparison;
import org.cnngrader.execution.CaseInputs;
import org.cnngrader.execution.CaseRun;
import org.cnngrader.execution.ProbedGradients;
import org.cnngrader.fixture.ConvGeometry;
import org.cnngrader.fixture.ConvParams;
import org.cnngrader.fixture.Fixture;
import org.cnngrader.fixture.Part;
import org.cnngrader.runner.Member;
import org.cnngrader.tensor.NestedArray;
import org.cnngrader.tensor.Shape;
import org.cnngrader.tensor.Tensor;

/**
 * Decides what the gradient check found, and which failing parts it explains. The small case has
 * stride and padding both, so that a gradient that mishandles either shows, and is small enough for
 * centred differences over every input element to take milliseconds.
 */
final class GradientChecks {

  /** Two images of two channels, 5x5, two 3x3 filters, stride 2, pad 1. */
  static final ConvGeometry SMALL_CASE =
      new ConvGeometry(2, 2, 5, 5, 2, 3, 3, new ConvParams(2, 1));

  private GradientChecks() {}

  /** The small case's inputs: fixed values, the same for every submission. */
  static CaseInputs smallCaseInputs() {
    SplittableRandom random = new SplittableRandom(231);
    return new CaseInputs(
        SMALL_CASE.stride(),
        SMALL_CASE.pad(),
        filled(SMALL_CASE.xShape(), random),
        filled(SMALL_CASE.wShape(), random),
        filled(SMALL_CASE.bShape(), random),
        new Tensor(SMALL_CASE.outShape(), new double[SMALL_CASE.outShape().size()]));
  }

  private static Tensor filled(Shape shape, SplittableRandom random) {
    double[] data = new double[shape.size()];
    for (int i = 0; i < data.length; i++) {
      data[i] = Math.round(random.nextDouble(-1, 1) * 1e4) / 1e4;
    }
    return new Tensor(shape, data);
  }

  /**
   * The small case's inputs when some gradient of the {@code runs} of the cases in {@code groups}
   * has wrong values or a wrong shape, which the check can then explain; none when all are right or
   * fail otherwise, so that a correct submission spends nothing on it.
   */
  static Optional<CaseInputs> wanted(
      List<List<Fixture>> groups,
      String className,
      Map<Member, String> contract,
      List<List<CaseRun>> runs) {
    for (int g = 0; g < runs.size(); g++) {
      for (int i = 0; i < runs.get(g).size(); i++) {
        for (PartResult part :
            new CaseGrader(groups.get(g).get(i), className, contract).grade(runs.get(g).get(i))) {
          if (explains(part)) {
            return Optional.of(smallCaseInputs());
          }
        }
      }
    }
    return Optional.empty();
  }

  /** Whether a part is a gradient that came out wrong, which the check can explain. */
  private static boolean explains(PartResult part) {
    return (part.part() == Part.DX || part.part() == Part.DW || part.part() == Part.DB)
        && (part.verdict() instanceof Verdict.WrongValues
            || part.verdict() instanceof Verdict.WrongShape);
  }

  /** How each of backward's gradients compares with the centred differences. */
  static GradientCheck decide(ProbedGradients probed) {
    Map<Part, GradientCheck.Agreement> agreements = new EnumMap<>(Part.class);
    agreements.put(
        Part.DX,
        agreement("dx", probed.analytic() == null ? null : probed.analytic().dx(), probed.dx(), 4));
    agreements.put(
        Part.DW,
        agreement("dw", probed.analytic() == null ? null : probed.analytic().dw(), probed.dw(), 4));
    agreements.put(
        Part.DB,
        agreement("db", probed.analytic() == null ? null : probed.analytic().db(), probed.db(), 1));
    return new GradientCheck(SMALL_CASE, agreements);
  }

  private static GradientCheck.Agreement agreement(
      String name, Object analytic, Object numerical, int rank) {
    if (analytic == null) {
      return new GradientCheck.Unusable("backward returned no " + name);
    }
    NestedArray given = NestedArray.inspect(analytic, rank, name);
    NestedArray centred = NestedArray.inspect(numerical, rank, name);
    if (!(given instanceof NestedArray.Regular regular)
        || !(centred instanceof NestedArray.Regular expected)) {
      return new GradientCheck.Unusable("backward's " + name + " is not a regular array");
    }
    if (!regular.tensor().shape().equals(expected.tensor().shape())) {
      return new GradientCheck.Unusable(
          "backward's "
              + name
              + " has shape "
              + regular.tensor().shape()
              + " where its input has "
              + expected.tensor().shape());
    }
    ValueComparison comparison =
        RelativeError.compare(expected.tensor(), regular.tensor(), GradientCheck.TOLERANCE);
    return comparison.passed()
        ? new GradientCheck.Agrees(comparison)
        : new GradientCheck.Disagrees(comparison);
  }

  /**
   * The parts with the check's finding on every failing gradient it compared, knowing whether
   * forward passed on every case: a forward right on this case may still be wrong elsewhere.
   */
  static List<PartResult> explain(List<PartResult> parts, GradientCheck check) {
    boolean forwardRight =
        parts.stream()
            .filter(p -> p.part() == Part.FORWARD || p.part() == Part.FORWARD_SHAPE)
            .allMatch(PartResult::passed);
    List<PartResult> explained = new ArrayList<>();
    for (PartResult part : parts) {
      explained.add(
          explains(part)
              ? part.withGradientCheck(new GradientCheck.Finding(check, part.part(), forwardRight))
              : part);
    }
    return explained;
  }
}
