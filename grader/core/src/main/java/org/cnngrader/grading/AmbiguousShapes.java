package org.cnngrader.grading;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.cnngrader.diagnosis.Diagnosis;
import org.cnngrader.layer.KnownMistake;
import org.cnngrader.layer.ShapeCandidate;

/**
 * Settles a wrong shape that two formulas give by the submission's other cases: (5 - 3)/2 + 1 = 2
 * ignores the padding, (5 - 3 + 1 + 1)/2 = 2 counts it once. Where exactly one of those mistakes is
 * named by its shape in another case of the same layer, and none of the others is, the shape gets
 * that one; otherwise it stays unexplained, as one case alone cannot tell.
 */
final class AmbiguousShapes {

  /** A mistake named for a tensor's shape, by the layer's id. */
  private record Named(String layer, String tensor, KnownMistake mistake) {}

  private AmbiguousShapes() {}

  static List<PartResult> settledByOtherCases(List<PartResult> parts) {
    Set<Named> named = new HashSet<>();
    for (PartResult part : parts) {
      if (part.verdict() instanceof Verdict.WrongShape shape
          && shape.diagnosis() instanceof Diagnosis.ShapeExplained explained) {
        named.add(new Named(layerOf(part), shape.tensor(), explained.mistake()));
      }
    }
    List<PartResult> settled = new ArrayList<>();
    for (PartResult part : parts) {
      settled.add(
          part.verdict() instanceof Verdict.WrongShape shape && shape.diagnosis() == null
              ? part.withVerdict(settle(part, shape, named))
              : part);
    }
    return settled;
  }

  private static Verdict settle(PartResult part, Verdict.WrongShape shape, Set<Named> named) {
    Set<KnownMistake> giving = new LinkedHashSet<>();
    for (ShapeCandidate candidate :
        part.fixture().layer().shapeMistakes(shape.setting(), shape.tensor())) {
      if (candidate.shape().equals(shape.actual())) {
        giving.add(candidate.mistake());
      }
    }
    List<KnownMistake> namedElsewhere =
        giving.stream()
            .filter(m -> named.contains(new Named(layerOf(part), shape.tensor(), m)))
            .toList();
    return giving.size() > 1 && namedElsewhere.size() == 1
        ? shape.withDiagnosis(
            new Diagnosis.ShapeExplained(
                namedElsewhere.get(0), shape.tensor(), shape.actual(), shape.setting()))
        : shape;
  }

  private static String layerOf(PartResult part) {
    return part.fixture().layer().id();
  }
}
