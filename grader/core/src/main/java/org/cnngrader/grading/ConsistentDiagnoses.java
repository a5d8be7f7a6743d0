package org.cnngrader.grading;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.cnngrader.diagnosis.Diagnoser;
import org.cnngrader.diagnosis.Diagnosis;
import org.cnngrader.layer.KnownMistake;
import org.cnngrader.layer.Layer;
import org.cnngrader.tensor.Tensor;

/**
 * Makes a submission's diagnoses agree with each other. A mistake named for a tensor in one case
 * but contradicted in another case where it would have shown (the fixture stores what it computes,
 * and the student's tensor is not that) is named nowhere: a hint must hold for the whole
 * submission. And where the gradient check finds a backward consistent with its forward, whose
 * mistake is named, the gradients name that same mistake, as following from forward, rather than
 * the pattern their values happen to match.
 */
final class ConsistentDiagnoses {

  /** A mistake named for a tensor of a layer. */
  private record Named(Layer layer, String tensor, KnownMistake mistake) {}

  private ConsistentDiagnoses() {}

  /** The parts without the diagnoses that another case contradicts. */
  static List<PartResult> acrossCases(List<PartResult> parts) {
    Set<Named> named = new LinkedHashSet<>();
    for (PartResult part : parts) {
      diagnosisOf(part.verdict())
          .filter(d -> d instanceof Diagnosis.ValuesExplained)
          .ifPresent(d -> named.add(new Named(layerOf(part), d.tensor(), d.mistake())));
    }
    Set<Named> contradicted = new HashSet<>();
    for (Named candidate : named) {
      if (parts.stream().anyMatch(part -> contradicts(part, candidate))) {
        contradicted.add(candidate);
      }
    }
    if (contradicted.isEmpty()) {
      return parts;
    }
    List<PartResult> kept = new ArrayList<>();
    for (PartResult part : parts) {
      Optional<Diagnosis> diagnosis = diagnosisOf(part.verdict());
      boolean drop =
          diagnosis.isPresent()
              && contradicted.contains(
                  new Named(layerOf(part), diagnosis.get().tensor(), diagnosis.get().mistake()));
      kept.add(drop ? part.withVerdict(withDiagnosis(part.verdict(), null)) : part);
    }
    return kept;
  }

  /**
   * Whether a part shows that the student's code does not have the mistake: its case stores what
   * the mistake computes for the tensor, and the student's tensor is the right one or another wrong
   * one.
   */
  private static boolean contradicts(PartResult part, Named candidate) {
    if (!layerOf(part).equals(candidate.layer())
        || part.part().shapeOnly()
        || !part.part().tensor().equals(candidate.tensor())) {
      return false;
    }
    Optional<Tensor> reference =
        part.fixture().mistakeReference(candidate.mistake(), candidate.tensor());
    if (reference.isEmpty()) {
      return false;
    }
    if (part.verdict() instanceof Verdict.Passed) {
      return true;
    }
    return part.verdict() instanceof Verdict.WrongValues wrong
        && wrong.actual().shape().equals(reference.get().shape())
        && !Diagnoser.matches(reference.get(), wrong.actual(), part.fixture().tolerance());
  }

  /**
   * The gradient parts of {@code layer} that the gradient check found consistent with forward,
   * naming forward's one mistake (when the forward output's parts name exactly one) as the cause.
   */
  static List<PartResult> followingForward(List<PartResult> parts, Layer layer) {
    String output = layer.contract().backprop().output();
    Set<KnownMistake> forwardMistakes = new LinkedHashSet<>();
    for (PartResult part : parts) {
      if (layerOf(part).equals(layer) && part.part().tensor().equals(output)) {
        diagnosisOf(part.verdict()).ifPresent(d -> forwardMistakes.add(d.mistake()));
      }
    }
    if (forwardMistakes.size() != 1) {
      return parts;
    }
    KnownMistake forward = forwardMistakes.iterator().next();
    List<PartResult> explained = new ArrayList<>();
    for (PartResult part : parts) {
      boolean follows =
          layerOf(part).equals(layer)
              && part.gradientCheck().isPresent()
              && part.gradientCheck().get().agreement() instanceof GradientCheck.Agrees
              && hasDiagnosisSlot(part.verdict());
      explained.add(
          follows
              ? part.withVerdict(
                  withDiagnosis(
                      part.verdict(),
                      new Diagnosis.FollowsForward(
                          forward, part.part().tensor(), part.fixture().setting())))
              : part);
    }
    return explained;
  }

  private static Layer layerOf(PartResult part) {
    return part.fixture().layer();
  }

  private static boolean hasDiagnosisSlot(Verdict verdict) {
    return verdict instanceof Verdict.WrongValues || verdict instanceof Verdict.WrongShape;
  }

  private static Optional<Diagnosis> diagnosisOf(Verdict verdict) {
    if (verdict instanceof Verdict.WrongValues wrong) {
      return Optional.ofNullable(wrong.diagnosis());
    }
    if (verdict instanceof Verdict.WrongShape shape) {
      return Optional.ofNullable(shape.diagnosis());
    }
    return Optional.empty();
  }

  private static Verdict withDiagnosis(Verdict verdict, Diagnosis diagnosis) {
    if (verdict instanceof Verdict.WrongValues wrong) {
      return wrong.withDiagnosis(diagnosis);
    }
    if (verdict instanceof Verdict.WrongShape shape) {
      return shape.withDiagnosis(diagnosis);
    }
    return verdict;
  }
}
