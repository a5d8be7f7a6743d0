package org.cnngrader.reference;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.cnngrader.fixture.Fixture;
import org.cnngrader.grading.RandomCases;
import org.cnngrader.layer.Layer;

/**
 * Hidden cases drawn at grading time from a seed, for every layer graded, so that no answer can be
 * learned from files: each layer's reference sizes its cases so that its output-size formula gives
 * whole numbers. The same seed draws the same cases.
 */
public final class RandomCaseDraw {

  /** Names of drawn cases start so, and no fixture file's name may. */
  public static final String PREFIX = "random-";

  private RandomCaseDraw() {}

  /** The cases {@code cases} asks for of {@code layer}, as specs. */
  public static List<CaseSpec> specs(RandomCases cases, Layer layer) {
    // Each layer draws from a stream of its own, so that grading another subset of layers draws
    // the same cases for this one.
    SplittableRandom random = new SplittableRandom(cases.seed() ^ layer.id().hashCode());
    LayerReference reference = LayerReferences.of(layer);
    List<CaseSpec> specs = new ArrayList<>();
    for (int i = 1; i <= cases.count(); i++) {
      specs.add(reference.drawSpec(PREFIX + i, random));
    }
    return specs;
  }

  /** The cases {@code cases} asks for of each of {@code layers}, with ND4J's references. */
  public static List<Fixture> fixtures(RandomCases cases, List<Layer> layers) {
    List<Fixture> fixtures = new ArrayList<>();
    for (Layer layer : layers) {
      specs(cases, layer).stream().map(FixtureGenerator::generate).forEach(fixtures::add);
    }
    return fixtures;
  }
}
