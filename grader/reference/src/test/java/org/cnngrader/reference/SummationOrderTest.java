package org.cnngrader.reference;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.cnngrader.compare.RelativeError;
import org.cnngrader.compare.ValueComparison;
import org.cnngrader.fixture.Fixture;
import org.cnngrader.fixture.FixtureFiles;
import org.cnngrader.fixture.Reference;
import org.cnngrader.fixture.Visibility;
import org.cnngrader.grading.RandomCases;
import org.cnngrader.grading.ValuesRule;
import org.cnngrader.layers.conv2d.Conv2dLayer;
import org.cnngrader.layers.conv2d.ConvParams;
import org.cnngrader.reference.OtherSummationOrders.Results;
import org.cnngrader.reference.OtherSummationOrders.Summation;
import org.cnngrader.tensor.Shape;
import org.cnngrader.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * A correct submission never loses a point for the order it sums in: solutions that add the same
 * products in other orders than ND4J pass every values part of every fixture, of hundreds of drawn
 * cases, and of a case built so that rounding alone takes elements near zero beyond the tolerance.
 */
class SummationOrderTest {

  private static final long SEED = 20261202L;

  /** Draws of 100 cases each, the most one draw may ask for. */
  private static final int DRAWS = 3;

  private static final Map<String, Function<Fixture, Results>> SOLUTIONS =
      Map.of(
          "loops reversed", f -> OtherSummationOrders.gathered(f, Summation.REVERSED),
          "pairwise sums", f -> OtherSummationOrders.gathered(f, Summation.PAIRWISE),
          "four lanes", f -> OtherSummationOrders.gathered(f, Summation.FOUR_LANES),
          "compensated sums", f -> OtherSummationOrders.gathered(f, Summation.COMPENSATED),
          "im2col and a matrix product", OtherSummationOrders::im2col);

  @Test
  void everySolutionPassesEveryRepositoryFixture() {
    Path root = Path.of(System.getProperty("grader.repository")).resolve("fixtures");

    List<String> failures = new ArrayList<>();
    for (Fixture fixture : FixtureFiles.load(root).fixtures()) {
      if (fixture.layer().equals(Conv2dLayer.LAYER)) {
        failures.addAll(failuresOf(fixture));
      }
    }

    assertThat(failures).isEmpty();
  }

  @Test
  void everySolutionPassesHundredsOfDrawnCases() {
    int cases = 0;
    List<String> failures = new ArrayList<>();
    for (long seed = SEED; seed < SEED + DRAWS; seed++) {
      long drawSeed = seed;
      for (Fixture fixture :
          RandomCaseDraw.fixtures(new RandomCases(100, seed), List.of(Conv2dLayer.LAYER))) {
        failures.addAll(
            failuresOf(fixture).stream().map(f -> "seed " + drawSeed + ": " + f).toList());
        cases++;
      }
    }

    assertThat(cases).isEqualTo(300);
    assertThat(failures).isEmpty();
  }

  /**
   * Channel 1 of x repeats channel 0 and channel 1 of w negates it, with no bias: every out element
   * is exactly 0, and what a computation gives is its rounding alone, which differs from order to
   * order by far more than the floor 1e-8 of the relative error lets pass.
   */
  @Test
  void roundingNearZeroCostsNoPointWhereTheRelativeErrorAloneWouldFail() {
    Fixture cancelling = cancellingCase();

    List<String> relativeErrorAlone = new ArrayList<>();
    SOLUTIONS.forEach(
        (name, solution) -> {
          ValueComparison c =
              RelativeError.compare(
                  cancelling.expected("out"),
                  solution.apply(cancelling).out(),
                  cancelling.tolerance());
          if (!c.passed()) {
            relativeErrorAlone.add(name);
          }
        });

    assertThat(relativeErrorAlone).as("solutions the relative error alone fails").isNotEmpty();
    assertThat(failuresOf(cancelling)).isEmpty();
  }

  @Test
  void aWrongValueStillFailsBeyondTheRoundingBound() throws Exception {
    Fixture lesson = FixtureGenerator.generate(cases().get(0));
    Results right = OtherSummationOrders.im2col(lesson);
    double[] out = right.out().data();
    out[4] *= 1 + 1e-6;

    ValueComparison c = new ValuesRule(lesson).compare("out", new Tensor(right.out().shape(), out));

    assertThat(c.passed()).isFalse();
    assertThat(c.elementsOff()).isEqualTo(1);
  }

  private static List<CaseSpec> cases() throws java.io.IOException {
    return CaseList.read(
            CaseList.file(
                Path.of(System.getProperty("grader.repository")).resolve("fixtures"),
                Conv2dLayer.LAYER),
            Conv2dLayer.LAYER)
        .cases();
  }

  private static List<String> failuresOf(Fixture fixture) {
    ValuesRule rule = new ValuesRule(fixture);
    List<String> failures = new ArrayList<>();
    SOLUTIONS.forEach(
        (name, solution) -> {
          Results results = solution.apply(fixture);
          for (String tensor : List.of("out", "dx", "dw", "db")) {
            ValueComparison c = rule.compare(tensor, results.tensor(tensor));
            if (!c.passed()) {
              failures.add(
                  String.format(
                      "%s, %s: %s%s expected %s, was %s (relative error %.1e)",
                      fixture.name(),
                      name,
                      tensor,
                      Shape.format(c.worstIndex()),
                      c.expectedAtWorst(),
                      c.actualAtWorst(),
                      c.maxError()));
            }
          }
        });
    return failures;
  }

  private static Fixture cancellingCase() {
    java.util.SplittableRandom random = new java.util.SplittableRandom(SEED);
    int n = 2;
    int h = 6;
    int f = 2;
    int k = 3;
    double[] x = new double[n * 2 * h * h];
    for (int image = 0; image < n; image++) {
      for (int i = 0; i < h * h; i++) {
        double value = random.nextDouble(-1000, 1000);
        x[(image * 2) * h * h + i] = value;
        x[(image * 2 + 1) * h * h + i] = value;
      }
    }
    double[] w = new double[f * 2 * k * k];
    for (int filter = 0; filter < f; filter++) {
      for (int i = 0; i < k * k; i++) {
        double value = random.nextDouble(-1000, 1000);
        w[(filter * 2) * k * k + i] = value;
        w[(filter * 2 + 1) * k * k + i] = -value;
      }
    }
    Tensor xs = new Tensor(Shape.of(n, 2, h, h), x);
    Tensor ws = new Tensor(Shape.of(f, 2, k, k), w);
    Tensor b = new Tensor(Shape.of(f), new double[f]);
    ConvParams params = new ConvParams(1, 1);
    double[] dout = new double[n * f * h * h];
    for (int i = 0; i < dout.length; i++) {
      dout[i] = random.nextDouble(-1, 1);
    }
    Tensor douts = new Tensor(Shape.of(n, f, h, h), dout);
    Nd4jConv2d.Backward backward = Nd4jConv2d.backward(xs, ws, b, douts, params);
    return new Fixture(
        Conv2dLayer.LAYER,
        "cancelling",
        Visibility.HIDDEN,
        params.toParams(),
        new ConvTensors.Inputs(xs, ws, b, douts).toMap(),
        new ConvTensors.Expected(
                Nd4jConv2d.forward(xs, ws, b, params), backward.dx(), backward.dw(), backward.db())
            .toMap(),
        null,
        Fixture.DEFAULT_TOLERANCE,
        new Reference(Nd4jConv2d.LIBRARY, Nd4jConv2d.VERSION),
        "every out element is exactly 0",
        SEED);
  }
}
