package org.cnngrader.reference;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.cnngrader.fixture.Fixture;
import org.cnngrader.fixture.FixtureFiles;
import org.cnngrader.layers.maxpool2d.MaxPool2dLayer;
import org.cnngrader.layers.maxpool2d.PoolGeometry;
import org.junit.jupiter.api.Test;

/**
 * The committed pooling fixtures are fair to every correct answer (no window holds its maximum
 * twice, so no gradient rests on a convention) and cover what the lesson asks of pooling.
 */
class MaxPool2dFixturesTest {

  private static Path fixturesRoot() {
    return Path.of(System.getProperty("grader.repository")).resolve("fixtures");
  }

  private static java.util.List<Fixture> fixtures() {
    return FixtureFiles.load(fixturesRoot()).fixtures().stream()
        .filter(f -> f.layer().equals(MaxPool2dLayer.LAYER))
        .toList();
  }

  @Test
  void noWindowOfAnyFixtureHoldsItsMaximumTwice() {
    for (Fixture fixture : fixtures()) {
      assertThat(PoolWindows.firstTie(fixture.input("x"), PoolGeometry.of(fixture.setting())))
          .as(fixture.toString())
          .isEqualTo(-1);
    }
  }

  @Test
  void aTieIsFound() {
    CaseSpec spec =
        new CaseSpec(
            MaxPool2dLayer.LAYER,
            "ones",
            org.cnngrader.fixture.Visibility.PUBLIC,
            null,
            MaxPool2dLayer.params(2, 2, 2),
            java.util.Map.of("n", 1, "c", 1, "h", 4, "w", 4),
            1,
            java.util.Map.of("x", CaseSpec.Fill.parse("ones")));
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> FixtureGenerator.generate(spec))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("case ones: every x drawn holds a window with its maximum twice");
  }

  @Test
  void theCasesCoverWhatTheIssueOfPoolingAsks() {
    var all = fixtures();
    long visible =
        all.stream().filter(f -> f.visibility() == org.cnngrader.fixture.Visibility.PUBLIC).count();

    assertThat(visible).isGreaterThanOrEqualTo(10);
    assertThat(all.size() - visible).isGreaterThanOrEqualTo(10);
    assertThat(all)
        .anySatisfy(f -> assertThat(f.name()).isEqualTo("cs231n-check"))
        .anySatisfy(f -> assertThat(PoolGeometry.of(f.setting()).overlaps()).isTrue())
        .anySatisfy(
            f ->
                assertThat(PoolGeometry.of(f.setting()).poolHeight())
                    .isNotEqualTo(PoolGeometry.of(f.setting()).poolWidth()))
        .anySatisfy(
            f ->
                assertThat(PoolGeometry.of(f.setting()).stride())
                    .isGreaterThan(PoolGeometry.of(f.setting()).poolHeight()))
        .anySatisfy(f -> assertThat(PoolGeometry.of(f.setting()).c()).isEqualTo(1))
        .anySatisfy(f -> assertThat(PoolGeometry.of(f.setting()).n()).isGreaterThan(1))
        .anySatisfy(f -> assertThat(f.input("x").size()).isGreaterThanOrEqualTo(16384));
  }

  @Test
  void cs231nsOwnCheckGivesItsPublishedOutput() {
    Fixture check =
        fixtures().stream().filter(f -> f.name().equals("cs231n-check")).findFirst().orElseThrow();
    // correct_out of CS231n's max_pool_forward_naive check, to its eight printed digits.
    double[] published = {
      -0.26315789, -0.24842105, -0.20421053, -0.18947368,
      -0.14526316, -0.13052632, -0.08631579, -0.07157895,
      -0.02736842, -0.01263158, 0.03157895, 0.04631579
    };
    double[] out = check.expected("out").data();
    for (int i = 0; i < published.length; i++) {
      assertThat(out[i])
          .as("out[%d]", i)
          .isCloseTo(published[i], org.assertj.core.data.Offset.offset(5e-9));
    }
  }
}
