package org.cnngrader.grading;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.cnngrader.diagnosis.Diagnosis;
import org.cnngrader.tensor.NestedArray;
import org.cnngrader.tensor.Tensor;

/**
 * Keeps "backward looks unfinished" only where it holds for the whole submission: a gradient that
 * some case returns computed (right, or with a value other than 0, or of another shape) is not
 * unfinished, so its zeros or null in other cases come from something else and get no such hint.
 */
final class UnfinishedGradients {

  /** A layer's gradient, by the layer's id and the gradient's name. */
  private record Gradient(String layer, String tensor) {}

  private UnfinishedGradients() {}

  static List<PartResult> acrossCases(List<PartResult> parts) {
    Set<Gradient> computed = new HashSet<>();
    for (PartResult part : parts) {
      if (!part.part().shapeOnly() && returnsComputed(part)) {
        computed.add(gradientOf(part));
      }
    }
    List<PartResult> kept = new ArrayList<>();
    for (PartResult part : parts) {
      boolean drop = isUnfinished(part.verdict()) && computed.contains(gradientOf(part));
      kept.add(drop ? part.withVerdict(Verdict.withDiagnosis(part.verdict(), null)) : part);
    }
    return kept;
  }

  private static Gradient gradientOf(PartResult part) {
    return new Gradient(part.fixture().layer().id(), part.part().tensor());
  }

  private static boolean returnsComputed(PartResult part) {
    Verdict verdict = part.verdict();
    if (verdict instanceof Verdict.Passed) {
      return hasNonZero(part.fixture().expected(part.part().tensor()));
    }
    if (verdict instanceof Verdict.WrongValues wrong) {
      return hasNonZero(wrong.actual());
    }
    if (verdict instanceof Verdict.Irregular irregular) {
      return !(irregular.problem() instanceof NestedArray.NullAt at
          && at.where().equals(irregular.tensor()));
    }
    return verdict instanceof Verdict.WrongShape;
  }

  private static boolean hasNonZero(Tensor tensor) {
    for (int i = 0; i < tensor.size(); i++) {
      if (tensor.get(i) != 0) {
        return true;
      }
    }
    return false;
  }

  private static boolean isUnfinished(Verdict verdict) {
    return Verdict.diagnosisOf(verdict).orElse(null) instanceof Diagnosis.Unfinished;
  }
}
