package org.cnngrader.grading;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.cnngrader.execution.CallOutcome;
import org.cnngrader.execution.CaseRun;
import org.cnngrader.execution.StepOutputs;
import org.cnngrader.fixture.Fixture;
import org.cnngrader.fixture.FixtureFiles;
import org.cnngrader.fixture.FixtureSet;
import org.cnngrader.fixture.MistakeReference;
import org.cnngrader.fixture.Reference;
import org.cnngrader.fixture.Visibility;
import org.cnngrader.layer.KnownMistake;
import org.cnngrader.layer.Layer;
import org.cnngrader.layer.Params;
import org.cnngrader.layers.Layers;
import org.cnngrader.layers.described.Descriptions;
import org.cnngrader.tensor.Shape;
import org.cnngrader.tensor.Tensor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A layer described by a file alone, graded from a fixture written and read back: the grading code
 * is the built-ins', from outcomes made by hand (no child JVM is started).
 */
class DescribedLayerGradingTest {

  private static final int N = 2;
  private static final int D = 3;
  private static final int M = 4;

  @TempDir Path root;

  private Layer affine;
  private Fixture fixture;
  private double[][] x;
  private double[][] w;
  private double[] b;
  private double[][] dout;

  private static double[][] draw(SplittableRandom random, int rows, int columns) {
    double[][] values = new double[rows][columns];
    for (double[] row : values) {
      for (int j = 0; j < columns; j++) {
        row[j] = random.nextDouble(-1, 1);
      }
    }
    return values;
  }

  private static Tensor tensor(Object nested, int... dims) {
    Shape shape = Shape.of(dims);
    double[] flat = new double[shape.size()];
    int[] at = {0};
    flatten(nested, flat, at);
    return new Tensor(shape, flat);
  }

  private static void flatten(Object nested, double[] flat, int[] at) {
    if (nested instanceof double[] row) {
      for (double v : row) {
        flat[at[0]++] = v;
      }
    } else {
      for (Object inner : (Object[]) nested) {
        flatten(inner, flat, at);
      }
    }
  }

  /** x w + b, summing over D in {@code order}; the reference and the student sum differently. */
  private double[][] forward(boolean reversed) {
    double[][] out = new double[N][M];
    for (int i = 0; i < N; i++) {
      for (int j = 0; j < M; j++) {
        double sum = reversed ? b[j] : 0;
        for (int t = 0; t < D; t++) {
          int k = reversed ? D - 1 - t : t;
          sum += x[i][k] * w[k][j];
        }
        out[i][j] = reversed ? sum : sum + b[j];
      }
    }
    return out;
  }

  private double[][] dx() {
    double[][] dx = new double[N][D];
    for (int i = 0; i < N; i++) {
      for (int k = 0; k < D; k++) {
        for (int j = 0; j < M; j++) {
          dx[i][k] += dout[i][j] * w[k][j];
        }
      }
    }
    return dx;
  }

  private double[][] dw() {
    double[][] dw = new double[D][M];
    for (int k = 0; k < D; k++) {
      for (int j = 0; j < M; j++) {
        for (int i = 0; i < N; i++) {
          dw[k][j] += x[i][k] * dout[i][j];
        }
      }
    }
    return dw;
  }

  private double[] db() {
    double[] db = new double[M];
    for (double[] row : dout) {
      for (int j = 0; j < M; j++) {
        db[j] += row[j];
      }
    }
    return db;
  }

  @BeforeEach
  void writeAndReadAFixture() throws Exception {
    Descriptions.write(root, Descriptions.AFFINE);
    affine = Layers.in(root).byId("affine").orElseThrow();
    SplittableRandom random = new SplittableRandom(11);
    x = draw(random, N, D);
    w = draw(random, D, M);
    b = draw(random, 1, M)[0];
    dout = draw(random, N, M);
    Map<String, Tensor> inputs = new LinkedHashMap<>();
    inputs.put("x", tensor(x, N, D));
    inputs.put("w", tensor(w, D, M));
    inputs.put("b", tensor(b, M));
    inputs.put("dout", tensor(dout, N, M));
    Map<String, Tensor> expected = new LinkedHashMap<>();
    expected.put("out", tensor(forward(false), N, M));
    expected.put("dx", tensor(dx(), N, D));
    expected.put("dw", tensor(dw(), D, M));
    expected.put("db", tensor(db(), M));
    Map<KnownMistake, MistakeReference> mistakes = new LinkedHashMap<>();
    mistakes.put(
        affine.mistake("db-one-row").orElseThrow(),
        new MistakeReference(Map.of("db", tensor(dout[0], M))));
    Fixture written =
        new Fixture(
            affine,
            "small",
            Visibility.PUBLIC,
            Params.of(affine.params(), Map.of()),
            inputs,
            expected,
            Map.of(),
            Fixture.DEFAULT_TOLERANCE,
            new Reference("pytorch", "2.5.1"),
            "two rows of three features, four outputs",
            1L,
            Map.of(),
            mistakes);
    FixtureFiles.write(root, written);
    FixtureSet set = FixtureFiles.load(root);
    assertThat(set.fixtures()).hasSize(1);
    fixture = set.fixtures().get(0);
  }

  private static CallOutcome<StepOutputs> returned(Map<String, Object> values) {
    return new CallOutcome.Returned<>(Answers.outputs(values));
  }

  private List<PartResult> grade(double[] db, double[][] dw) {
    Map<String, CallOutcome<StepOutputs>> steps = new LinkedHashMap<>();
    steps.put("forward", returned(Map.of("out", forward(true))));
    Map<String, Object> gradients = new LinkedHashMap<>();
    gradients.put("dx", dx());
    gradients.put("dw", dw);
    gradients.put("db", db);
    steps.put("backward", returned(gradients));
    CaseRun run = new CaseRun(new CallOutcome.Returned<>(null), steps, List.of(), List.of(), 0);
    return new CaseGrader(fixture, Map.of()).grade(run);
  }

  @Test
  void aCorrectAnswerSummedInAnotherOrderPassesEveryPartForTheFilesPoints() {
    List<PartResult> parts = grade(db(), dw());

    assertThat(fixture.layer()).isSameAs(affine);
    assertThat(parts)
        .extracting(PartResult::name)
        .containsExactly(
            "affine/small: forward shape",
            "affine/small: forward values",
            "affine/small: backward dx",
            "affine/small: backward dw",
            "affine/small: backward db");
    assertThat(parts).allSatisfy(part -> assertThat(part.passed()).as(part.name()).isTrue());
    assertThat(parts.stream().mapToDouble(PartResult::score).sum())
        .isEqualTo(affine.parts().stream().mapToDouble(p -> p.defaultPoints()).sum());
  }

  @Test
  void aKnownMistakeOfValuesAndOneOfShapeAreDiagnosedFromTheFile() {
    double[][] transposed = new double[M][D];
    double[][] dw = dw();
    for (int k = 0; k < D; k++) {
      for (int j = 0; j < M; j++) {
        transposed[j][k] = dw[k][j];
      }
    }

    List<PartResult> parts = grade(dout[0].clone(), transposed);

    Verdict.WrongShape shape = (Verdict.WrongShape) parts.get(3).verdict();
    assertThat(shape.diagnosis().mistake()).isEqualTo(affine.mistake("dw-transposed").get());
    assertThat(affine.shouldHaveShape("dw", shape.expected(), shape.actual(), shape.setting()))
        .isEqualTo(
            """
            dw should have shape [D, M] = [3, 4] (the shape of w), but was [4, 3]:
            - first dimension should be D = 3, but was 4
            - second dimension should be M = 4, but was 3""");
    Verdict.WrongValues values = (Verdict.WrongValues) parts.get(4).verdict();
    assertThat(values.diagnosis().mistake()).isEqualTo(affine.mistake("db-one-row").get());
    assertThat(parts.get(4).passed()).isFalse();
  }
}
