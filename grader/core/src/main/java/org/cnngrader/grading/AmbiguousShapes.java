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
 * ignores the padding, (5 - 3 + 1 + 1)/2 = 2 counts it once. Where exactly one of those mistakes
 * gives every wrong shape of that tensor in the layer's other cases, the shape gets that one: the
 * code computes one formula, whichever case it runs. Failing that (the code may make more than one
 * mistake), where exactly one of them is named by its shape in another case, and none of the others
 * is, the shape gets that one; otherwise it stays unexplained, as one case alone cannot tell.
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
              ? part.withVerdict(settle(part, shape, named, parts))
              : part);
    }
    return settled;
  }

  private static Verdict settle(
      PartResult part, Verdict.WrongShape shape, Set<Named> named, List<PartResult> parts) {
    Set<KnownMistake> giving = new LinkedHashSet<>();
    for (ShapeCandidate candidate :
        part.fixture().layer().shapeMistakes(shape.setting(), shape.tensor())) {
      if (candidate.shape().equals(shape.actual())) {
        giving.add(candidate.mistake());
      }
    }
    if (giving.size() < 2) {
      return shape;
    }
    List<KnownMistake> everywhere =
        giving.stream().filter(m -> givesEveryWrongShape(m, part, shape.tensor(), parts)).toList();
    List<KnownMistake> namedElsewhere =
        giving.stream()
            .filter(m -> named.contains(new Named(layerOf(part), shape.tensor(), m)))
            .toList();
    List<KnownMistake> settled = everywhere.size() == 1 ? everywhere : namedElsewhere;
    return settled.size() == 1
        ? shape.withDiagnosis(
            new Diagnosis.ShapeExplained(
                settled.get(0), shape.tensor(), shape.actual(), shape.setting()))
        : shape;
  }

  /** Whether {@code mistake}'s formula gives every wrong shape of {@code tensor} in the layer. */
  private static boolean givesEveryWrongShape(
      KnownMistake mistake, PartResult part, String tensor, List<PartResult> parts) {
    for (PartResult other : parts) {
      if (other.verdict() instanceof Verdict.WrongShape wrong
          && wrong.tensor().equals(tensor)
          && layerOf(other).equals(layerOf(part))
          && other.fixture().layer().shapeMistakes(wrong.setting(), tensor).stream()
              .noneMatch(c -> c.mistake().equals(mistake) && c.shape().equals(wrong.actual()))) {
        return false;
      }
    }
    return true;
  }

  private static String layerOf(PartResult part) {
    return part.fixture().layer().id();
  }
}
