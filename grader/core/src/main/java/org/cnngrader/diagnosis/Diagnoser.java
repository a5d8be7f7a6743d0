package org.cnngrader.diagnosis;

import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import org.cnngrader.bounds.LayerBounds;
import org.cnngrader.compare.ElementBounds;
import org.cnngrader.compare.RelativeError;
import org.cnngrader.fixture.Fixture;
import org.cnngrader.layer.KnownMistake;
import org.cnngrader.layer.Setting;
import org.cnngrader.layer.ShapeCandidate;
import org.cnngrader.tensor.Shape;
import org.cnngrader.tensor.Tensor;

/**
 * Finds the known mistake behind a wrong tensor, or none. A diagnosis is given only when exactly
 * one mistake explains the tensor: a tensor that two mistakes explain, or that matches a mistake
 * which changes nothing in the case, gets none, so that a hint is never a guess.
 */
public final class Diagnoser {

  private Diagnoser() {}

  /**
   * The mistake whose reference in the fixture {@code actual} matches within the case's tolerance
   * or rounding bounds; {@code actual} has the expected tensor's shape and is not within them of
   * it.
   */
  public static Optional<Diagnosis> ofValues(Fixture fixture, String tensor, Tensor actual) {
    return ofValues(
        fixture, tensor, actual, fixture.layer().bounds(fixture.params(), fixture.inputs()));
  }

  /**
   * As {@link #ofValues(Fixture, String, Tensor)}, with the case's rounding bounds worked out once.
   * A mistake's tensor is matched as grading matches the expected one: each element within the
   * tolerance of the reference, or within the rounding bound of what the mistaken layer computes
   * ({@link LayerBounds#ofMistake}), what another summation order can make of it near zero. A
   * reference that lies within the right result's bounds of it is no mistake in this case.
   */
  public static Optional<Diagnosis> ofValues(
      Fixture fixture, String tensor, Tensor actual, LayerBounds roundOff) {
    Tensor right = fixture.expected(tensor);
    ElementBounds bounds = roundOff.of(tensor, right);
    Set<KnownMistake> matches = new LinkedHashSet<>();
    for (KnownMistake mistake : fixture.mistakes().keySet()) {
      Optional<Tensor> reference = fixture.mistakeReference(mistake, tensor);
      if (reference.isEmpty()
          || !reference.get().shape().equals(actual.shape())
          || RelativeError.compare(right, reference.get(), fixture.tolerance(), bounds).passed()) {
        continue;
      }
      ElementBounds mistakeBounds = roundOff.ofMistake(mistake.key(), tensor);
      if (matches(reference.get(), actual, fixture.tolerance(), mistakeBounds)) {
        matches.add(mistake);
      }
    }
    return matches.size() == 1
        ? Optional.of(
            new Diagnosis.ValuesExplained(matches.iterator().next(), tensor, fixture.setting()))
        : Optional.empty();
  }

  /**
   * Whether {@code actual} is what {@code mistake} computes for {@code tensor} in {@code fixture}'s
   * case, whose reference for it is {@code reference}: the rule of {@link #matches(Tensor, Tensor,
   * double, ElementBounds)} within the mistake's rounding bounds, which are worked out only where
   * the tolerance alone says no.
   */
  public static boolean matches(
      Fixture fixture, KnownMistake mistake, String tensor, Tensor reference, Tensor actual) {
    if (matches(reference, actual, fixture.tolerance(), ElementBounds.EXACT)) {
      return true;
    }
    ElementBounds bounds =
        fixture.layer().bounds(fixture.params(), fixture.inputs()).ofMistake(mistake.key(), tensor);
    return matches(reference, actual, fixture.tolerance(), bounds);
  }

  /**
   * Whether {@code actual} is what the mistake computes, matched as grading matches the expected
   * tensor: each element within the tolerance of the reference, or within {@code roundOff}, what
   * rounding can make of the mistaken layer's result; and where the reference overflowed (a softmax
   * without its shift, on large scores), the same NaN or infinity. The relative error alone would
   * never match a value that is not finite.
   */
  public static boolean matches(
      Tensor reference, Tensor actual, double tolerance, ElementBounds roundOff) {
    boolean finite = true;
    for (int i = 0; i < reference.size() && finite; i++) {
      finite = Double.isFinite(reference.get(i));
    }
    if (finite) {
      return RelativeError.compare(reference, actual, tolerance, roundOff).passed();
    }
    for (int i = 0; i < reference.size(); i++) {
      double r = reference.get(i);
      double a = actual.get(i);
      boolean same =
          Double.isFinite(r)
              ? RelativeError.between(r, a) <= tolerance
                  || (Double.isFinite(a) && Math.abs(r - a) <= roundOff.at(i))
              : Double.compare(r, a) == 0;
      if (!same) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether backward looks unfinished: {@code tensor} is one of the layer's gradients, and {@code
   * actual} is null or all zeros (the caller knows that the right one is not).
   */
  public static Optional<Diagnosis> ofUnfinished(Setting setting, String tensor, Tensor actual) {
    var backprop = setting.layer().contract().backprop();
    if (backprop == null || !backprop.gradients().contains(tensor)) {
      return Optional.empty();
    }
    if (actual == null) {
      return Optional.of(
          new Diagnosis.Unfinished(UnfinishedBackward.RETURNS_NULL, tensor, setting));
    }
    for (int i = 0; i < actual.size(); i++) {
      if (actual.get(i) != 0) {
        return Optional.empty();
      }
    }
    return Optional.of(new Diagnosis.Unfinished(UnfinishedBackward.RETURNS_ZEROS, tensor, setting));
  }

  /** The mistake whose output-size formula gives {@code actual}, the wrong shape of the tensor. */
  public static Optional<Diagnosis> ofShape(Setting setting, String tensor, Shape actual) {
    Set<KnownMistake> matches = new LinkedHashSet<>();
    for (ShapeCandidate candidate : setting.layer().shapeMistakes(setting, tensor)) {
      if (candidate.shape().equals(actual)) {
        matches.add(candidate.mistake());
      }
    }
    return matches.size() == 1
        ? Optional.of(
            new Diagnosis.ShapeExplained(matches.iterator().next(), tensor, actual, setting))
        : Optional.empty();
  }
}
