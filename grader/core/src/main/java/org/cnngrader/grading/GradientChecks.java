package org.cnngrader.grading;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.cnngrader.compare.ElementBounds;
import org.cnngrader.compare.RelativeError;
import org.cnngrader.compare.ValueComparison;
import org.cnngrader.execution.CaseInputs;
import org.cnngrader.execution.CaseRun;
import org.cnngrader.execution.ProbedGradients;
import org.cnngrader.fixture.Fixture;
import org.cnngrader.layer.Layer;
import org.cnngrader.layer.Setting;
import org.cnngrader.runner.Backprop;
import org.cnngrader.runner.LayerContract;
import org.cnngrader.runner.Member;
import org.cnngrader.runner.ProbePrecision;
import org.cnngrader.tensor.NestedArray;
import org.cnngrader.tensor.Shape;
import org.cnngrader.tensor.Tensor;

/**
 * Decides what the gradient check found, and which failing parts it explains. Each layer's small
 * case has every feature a gradient can mishandle, and is small enough for centred differences over
 * every input element to take milliseconds.
 */
final class GradientChecks {

  private GradientChecks() {}

  /** A layer's small case as the child receives it. */
  static CaseInputs smallCaseInputs(Layer layer) {
    Layer.SmallCase small = layer.smallCase();
    Map<String, Object> values = new LinkedHashMap<>(small.params().values());
    values.putAll(small.inputs());
    return new CaseInputs(layer.contract(), values);
  }

  /** The small case's numbers, for the feedback. */
  static Setting smallCaseSetting(Layer layer) {
    Layer.SmallCase small = layer.smallCase();
    Map<String, Shape> shapes = new LinkedHashMap<>();
    small.inputs().forEach((key, tensor) -> shapes.put(key, tensor.shape()));
    return new Setting(layer, small.params(), shapes);
  }

  /** A case's parts, graded from its run. */
  @FunctionalInterface
  interface CaseParts {
    List<PartResult> of(Fixture fixture, Map<Member, String> contractProblems, CaseRun run);
  }

  /**
   * The small cases of the layers for which some gradient of the {@code runs} of the cases in
   * {@code groups} has wrong values or a wrong shape, which the check can then explain; none when
   * all are right or fail otherwise, so that a correct submission spends nothing on it.
   */
  static List<CaseInputs> wanted(
      List<List<Fixture>> groups,
      Map<LayerContract, Map<Member, String>> contracts,
      List<List<CaseRun>> runs,
      CaseParts graded) {
    Set<Layer> layers = new LinkedHashSet<>();
    for (int g = 0; g < runs.size(); g++) {
      for (int i = 0; i < runs.get(g).size(); i++) {
        Fixture fixture = groups.get(g).get(i);
        if (layers.contains(fixture.layer())) {
          continue;
        }
        Map<Member, String> problems = contracts.getOrDefault(fixture.layer().contract(), Map.of());
        for (PartResult part : graded.of(fixture, problems, runs.get(g).get(i))) {
          if (explains(part)) {
            layers.add(fixture.layer());
            break;
          }
        }
      }
    }
    return layers.stream().map(GradientChecks::smallCaseInputs).toList();
  }

  /** Whether a part is a gradient that came out wrong, which the check can explain. */
  private static boolean explains(PartResult part) {
    Backprop backprop = part.fixture().layer().contract().backprop();
    return backprop != null
        && !part.part().shapeOnly()
        && backprop.inputOf().containsKey(part.part().tensor())
        && (part.verdict() instanceof Verdict.WrongValues
            || part.verdict() instanceof Verdict.WrongShape);
  }

  /** How each of backward's gradients compares with the centred differences, on {@code layer}. */
  static GradientCheck decide(Layer layer, ProbedGradients probed) {
    Map<String, GradientCheck.Agreement> agreements = new LinkedHashMap<>();
    Backprop backprop = layer.contract().backprop();
    for (String gradient : backprop.gradients()) {
      agreements.put(
          gradient,
          agreement(
              gradient,
              probed.analytic() == null ? null : probed.analytic().get(gradient),
              probed.numerical().get(gradient),
              probed.precisionOf(gradient)));
    }
    return new GradientCheck(smallCaseSetting(layer), agreements);
  }

  private static GradientCheck.Agreement agreement(
      String name, NestedArray given, NestedArray centred, ProbePrecision precision) {
    if (given == null || (given instanceof NestedArray.NullAt at && at.where().equals(name))) {
      return new GradientCheck.Unusable("backward returned no " + name);
    }
    if (!(given instanceof NestedArray.Regular regular)
        || !(centred instanceof NestedArray.Regular expected)) {
      return new GradientCheck.Unusable("backward's " + name + " is not a regular array");
    }
    Tensor actual = regular.tensor();
    if (!actual.shape().equals(expected.tensor().shape())) {
      return new GradientCheck.Unusable(
          "backward's "
              + name
              + " has shape "
              + actual.shape()
              + " where its input has "
              + expected.tensor().shape());
    }
    ValueComparison comparison =
        RelativeError.compare(
            expected.tensor(),
            actual,
            precision.relative(),
            ElementBounds.withCeiling(
                precision.absoluteFloor(), index -> precision.absoluteFloor()));
    return comparison.passed()
        ? new GradientCheck.Agrees(comparison)
        : new GradientCheck.Disagrees(comparison);
  }

  /**
   * The parts with the check's finding on every failing gradient it compared, knowing whether
   * forward passed on every case of that layer: a forward right on this case may still be wrong
   * elsewhere.
   */
  static List<PartResult> explain(List<PartResult> parts, GradientCheck check) {
    Layer layer = check.smallCase().layer();
    String forwardOutput = layer.contract().backprop().output();
    boolean forwardRight =
        parts.stream()
            .filter(p -> p.fixture().layer().equals(layer))
            .filter(p -> p.part().tensor().equals(forwardOutput))
            .allMatch(PartResult::passed);
    List<PartResult> explained = new ArrayList<>();
    for (PartResult part : parts) {
      explained.add(
          part.fixture().layer().equals(layer) && explains(part)
              ? part.withGradientCheck(
                  new GradientCheck.Finding(check, part.part().tensor(), forwardRight))
              : part);
    }
    return explained;
  }
}
