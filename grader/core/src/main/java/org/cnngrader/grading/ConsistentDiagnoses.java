package org.cnngrader.grading;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.cnngrader.diagnosis.Diagnoser;
import org.cnngrader.diagnosis.Diagnosis;
import org.cnngrader.diagnosis.Reach;
import org.cnngrader.layer.KnownMistake;
import org.cnngrader.layer.Layer;
import org.cnngrader.tensor.Tensor;

/**
 * Makes a submission's diagnoses agree with each other. A mistake named for a tensor in one case
 * but contradicted in another case where it would have shown (the fixture stores what it computes,
 * and the student's tensor is not that) is named nowhere: a hint must hold for the whole
 * submission. And where the gradient check finds a backward consistent with its forward, whose
 * mistake is named, the gradients name that same mistake, as following from forward, rather than
 * the pattern their values happen to match. Last, each hint learns its reach: how many of its
 * layer's failing cases it explains.
 */
final class ConsistentDiagnoses {

  /** A mistake named for a tensor of a layer. */
  private record Named(Layer layer, String tensor, KnownMistake mistake) {}

  private ConsistentDiagnoses() {}

  /** The parts without the diagnoses that another case contradicts. */
  static List<PartResult> acrossCases(List<PartResult> parts) {
    Set<Named> named = new LinkedHashSet<>();
    for (PartResult part : parts) {
      Verdict.diagnosisOf(part.verdict())
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
      Optional<Diagnosis> diagnosis = Verdict.diagnosisOf(part.verdict());
      boolean drop =
          diagnosis.isPresent()
              && contradicted.contains(
                  new Named(layerOf(part), diagnosis.get().tensor(), diagnosis.get().mistake()));
      kept.add(drop ? part.withVerdict(Verdict.withDiagnosis(part.verdict(), null)) : part);
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
        && !Diagnoser.matches(
            part.fixture(),
            candidate.mistake(),
            candidate.tensor(),
            reference.get(),
            wrong.actual());
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
        Verdict.diagnosisOf(part.verdict()).ifPresent(d -> forwardMistakes.add(d.mistake()));
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
                  Verdict.withDiagnosis(
                      part.verdict(),
                      new Diagnosis.FollowsForward(
                          forward, part.part().tensor(), part.fixture().setting())))
              : part);
    }
    return explained;
  }

  /**
   * The parts with each diagnosis's reach: of the cases where some part of its layer fails, those
   * where the mistake explains a failing part. A hint that explains 2 of 9 failing cases is not the
   * whole cause, and says so. A case counts as explained where a failing part's values match the
   * mistake's reference even though another mistake's match too (and so no hint was given there); a
   * case whose only failures are wrong values that no stored reference could explain (a large
   * case's tensors are not stored) tells nothing either way, and is not counted.
   */
  static List<PartResult> withReach(List<PartResult> parts) {
    Map<Layer, Map<String, List<PartResult>>> failing = new HashMap<>();
    for (PartResult part : parts) {
      if (!part.passed()) {
        failing
            .computeIfAbsent(layerOf(part), l -> new LinkedHashMap<>())
            .computeIfAbsent(part.fixture().name(), c -> new ArrayList<>())
            .add(part);
      }
    }
    Map<List<Object>, Reach> reaches = new HashMap<>();
    List<PartResult> reached = new ArrayList<>();
    for (PartResult part : parts) {
      Optional<Diagnosis> diagnosis =
          part.passed() ? Optional.empty() : Verdict.diagnosisOf(part.verdict());
      if (diagnosis.isEmpty()) {
        reached.add(part);
        continue;
      }
      KnownMistake mistake = diagnosis.get().mistake();
      Reach reach =
          reaches.computeIfAbsent(
              List.of(layerOf(part), mistake),
              k -> reach(failing.get(layerOf(part)).values(), mistake));
      reached.add(
          part.withVerdict(
              Verdict.withDiagnosis(part.verdict(), diagnosis.get().withReach(reach))));
    }
    return reached;
  }

  /**
   * How many of a layer's failing cases, each given by its failing parts, {@code mistake} explains.
   */
  private static Reach reach(Collection<List<PartResult>> cases, KnownMistake mistake) {
    int explained = 0;
    int counted = 0;
    for (List<PartResult> failingParts : cases) {
      boolean byMistake = failingParts.stream().anyMatch(p -> consistentWith(p, mistake));
      if (byMistake || failingParts.stream().anyMatch(ConsistentDiagnoses::couldBeExplained)) {
        counted++;
      }
      if (byMistake) {
        explained++;
      }
    }
    return new Reach(explained, counted);
  }

  /** Whether a failing part is diagnosed as {@code mistake}, or its values match its reference. */
  private static boolean consistentWith(PartResult part, KnownMistake mistake) {
    if (Verdict.diagnosisOf(part.verdict()).filter(d -> d.mistake().equals(mistake)).isPresent()) {
      return true;
    }
    if (!(part.verdict() instanceof Verdict.WrongValues wrong)) {
      return false;
    }
    Optional<Tensor> reference = part.fixture().mistakeReference(mistake, wrong.tensor());
    return reference.isPresent()
        && reference.get().shape().equals(wrong.actual().shape())
        && Diagnoser.matches(
            part.fixture(), mistake, wrong.tensor(), reference.get(), wrong.actual());
  }

  /**
   * Whether a failing part is one a known mistake could have explained: any failure but wrong
   * values of a tensor for which the case stores no mistake's reference.
   */
  private static boolean couldBeExplained(PartResult part) {
    if (!(part.verdict() instanceof Verdict.WrongValues wrong)) {
      return true;
    }
    return part.fixture().mistakes().keySet().stream()
        .anyMatch(m -> part.fixture().mistakeReference(m, wrong.tensor()).isPresent());
  }

  private static Layer layerOf(PartResult part) {
    return part.fixture().layer();
  }

  private static boolean hasDiagnosisSlot(Verdict verdict) {
    return verdict instanceof Verdict.WrongValues || verdict instanceof Verdict.WrongShape;
  }
}
