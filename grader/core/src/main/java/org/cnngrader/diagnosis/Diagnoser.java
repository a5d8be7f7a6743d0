package org.cnngrader.diagnosis;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.cnngrader.compare.RelativeError;
import org.cnngrader.fixture.ConvGeometry;
import org.cnngrader.fixture.Fixture;
import org.cnngrader.fixture.KnownMistake;
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
   * The mistake whose reference in the fixture {@code actual} matches within the case's tolerance;
   * {@code actual} has the expected tensor's shape and is not within the tolerance of it.
   */
  public static Optional<Diagnosis> ofValues(Fixture fixture, String tensor, Tensor actual) {
    Tensor right = fixture.expected().tensor(tensor);
    Set<KnownMistake> matches = EnumSet.noneOf(KnownMistake.class);
    for (KnownMistake mistake : fixture.mistakes().keySet()) {
      Optional<Tensor> reference = fixture.mistakeReference(mistake, tensor);
      if (reference.isEmpty()
          || !reference.get().shape().equals(actual.shape())
          || RelativeError.compare(right, reference.get(), fixture.tolerance()).passed()) {
        continue;
      }
      if (RelativeError.compare(reference.get(), actual, fixture.tolerance()).passed()) {
        matches.add(mistake);
      }
    }
    return matches.size() == 1
        ? Optional.of(
            new Diagnosis.ValuesExplained(matches.iterator().next(), tensor, fixture.geometry()))
        : Optional.empty();
  }

  /** The mistake whose output-size formula gives {@code actual}, the wrong shape of the tensor. */
  public static Optional<Diagnosis> ofShape(ConvGeometry g, String tensor, Shape actual) {
    List<Candidate> candidates =
        switch (tensor) {
          case "out" -> outShapes(g);
          case "dx" -> dxShapes(g);
          case "dw" -> dwShapes(g);
          default -> List.of();
        };
    Set<KnownMistake> matches = EnumSet.noneOf(KnownMistake.class);
    for (Candidate candidate : candidates) {
      if (candidate.shape().equals(actual)) {
        matches.add(candidate.mistake());
      }
    }
    return matches.size() == 1
        ? Optional.of(new Diagnosis.ShapeExplained(matches.iterator().next(), tensor, actual, g))
        : Optional.empty();
  }

  /** A shape a mistake gives; only shapes that differ from the right one are candidates. */
  private record Candidate(KnownMistake mistake, Shape shape) {}

  private static List<Candidate> outShapes(ConvGeometry g) {
    List<Candidate> candidates = new ArrayList<>();
    if (g.stride() > 1) {
      spatial(candidates, KnownMistake.STRIDE_IGNORED, g, 1, g.pad());
    }
    if (g.pad() > 0) {
      spatial(candidates, KnownMistake.PADDING_IGNORED, g, g.stride(), 0);
    }
    if (g.stride() > 1 && g.pad() > 0) {
      spatial(candidates, KnownMistake.STRIDE_AND_PADDING_IGNORED, g, 1, 0);
    }
    if (g.outHeight() != g.outWidth()) {
      candidates.add(
          new Candidate(
              KnownMistake.HEIGHT_WIDTH_SWAPPED,
              Shape.of(g.n(), g.f(), g.outWidth(), g.outHeight())));
    }
    if (g.c() > 1) {
      candidates.add(
          new Candidate(
              KnownMistake.CHANNELS_NOT_SUMMED,
              Shape.of(g.n(), g.f() * g.c(), g.outHeight(), g.outWidth())));
    }
    return candidates;
  }

  /** The output a convolution with {@code stride} and {@code pad} gives, where it has one. */
  private static void spatial(
      List<Candidate> candidates, KnownMistake mistake, ConvGeometry g, int stride, int pad) {
    int height = g.h() - g.hh() + 2 * pad;
    int width = g.w() - g.ww() + 2 * pad;
    if (height < 0 || width < 0) {
      return;
    }
    Shape shape = Shape.of(g.n(), g.f(), height / stride + 1, width / stride + 1);
    if (!shape.equals(g.outShape())) {
      candidates.add(new Candidate(mistake, shape));
    }
  }

  private static List<Candidate> dxShapes(ConvGeometry g) {
    List<Candidate> candidates = new ArrayList<>();
    if (g.pad() > 0) {
      candidates.add(
          new Candidate(
              KnownMistake.PADDED_DX_NOT_CROPPED,
              Shape.of(g.n(), g.c(), g.h() + 2 * g.pad(), g.w() + 2 * g.pad())));
    }
    if (g.h() != g.w()) {
      candidates.add(
          new Candidate(KnownMistake.HEIGHT_WIDTH_SWAPPED, Shape.of(g.n(), g.c(), g.w(), g.h())));
    }
    return candidates;
  }

  private static List<Candidate> dwShapes(ConvGeometry g) {
    return g.hh() != g.ww()
        ? List.of(
            new Candidate(
                KnownMistake.HEIGHT_WIDTH_SWAPPED, Shape.of(g.f(), g.c(), g.ww(), g.hh())))
        : List.of();
  }
}
