package org.cnngrader.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.cnngrader.SubmissionFolder;
import org.cnngrader.TestSandbox;
import org.cnngrader.compare.RelativeError;
import org.cnngrader.compile.Compilation;
import org.cnngrader.compile.SubmissionCompiler;
import org.cnngrader.runner.Argument;
import org.cnngrader.runner.Backprop;
import org.cnngrader.runner.LayerContract;
import org.cnngrader.runner.Member;
import org.cnngrader.runner.ProbePrecision;
import org.cnngrader.runner.Result;
import org.cnngrader.runner.Step;
import org.cnngrader.runner.ValueType;
import org.cnngrader.tensor.NestedArray;
import org.cnngrader.tensor.Shape;
import org.cnngrader.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Contracts of the shapes a layer description may give, run end to end in the sandboxed child: a
 * model whose constructor takes a double, that takes its weights as a record and int labels, and
 * returns scores, a loss (a double) and its gradients as a record; and a layer of float tensors.
 * The gradient check of each agrees with a correct backward at the precision of its inputs.
 */
class RecordsAndLossesInTheChildTest {

  @TempDir Path temp;

  private static final String PARAMS =
      """
      package cnn;

      public record ConvNetParams(double[][][][] w1, double[] b1, double[][] w2, double[] b2) {}
      """;

  /**
   * ThreeLayerConvNet's contract on a smaller model: h = tanh(x . w1[f] + b1[f]) for each of F
   * filters over the whole image, scores = h w2 + b2, the softmax loss of the scores plus 0.5 * reg
   * * (sum w1^2 + sum w2^2), and its gradients.
   */
  private static final String NET =
      """
      package cnn;

      public class ThreeLayerConvNet {
        private final double reg;
        private double[][][][] x;
        private ConvNetParams p;
        private double[][] h;
        private double[][] dscores;

        public ThreeLayerConvNet(double reg) {
          this.reg = reg;
        }

        public double[][] scores(double[][][][] x, ConvNetParams p) {
          this.x = x;
          this.p = p;
          int n = x.length, f = p.b1().length, m = p.b2().length;
          h = new double[n][f];
          double[][] scores = new double[n][m];
          for (int i = 0; i < n; i++) {
            for (int k = 0; k < f; k++) {
              double z = p.b1()[k];
              for (int c = 0; c < x[i].length; c++)
                for (int r = 0; r < x[i][c].length; r++)
                  for (int s = 0; s < x[i][c][r].length; s++) z += x[i][c][r][s] * p.w1()[k][c][r][s];
              h[i][k] = Math.tanh(z);
            }
            for (int j = 0; j < m; j++) {
              scores[i][j] = p.b2()[j];
              for (int k = 0; k < f; k++) scores[i][j] += h[i][k] * p.w2()[k][j];
            }
          }
          return scores;
        }

        public double loss(double[][][][] x, int[] y, ConvNetParams p) {
          double[][] scores = scores(x, p);
          int n = scores.length;
          double loss = 0;
          dscores = new double[n][];
          for (int i = 0; i < n; i++) {
            double max = Double.NEGATIVE_INFINITY;
            for (double s : scores[i]) max = Math.max(max, s);
            double total = 0;
            for (double s : scores[i]) total += Math.exp(s - max);
            dscores[i] = new double[scores[i].length];
            for (int j = 0; j < scores[i].length; j++)
              dscores[i][j] = Math.exp(scores[i][j] - max) / total / n;
            dscores[i][y[i]] -= 1.0 / n;
            loss -= (scores[i][y[i]] - max - Math.log(total)) / n;
          }
          return loss + 0.5 * reg * (squares(p.w1()) + squares(p.w2()));
        }

        public ConvNetParams gradients() {
          int n = x.length, f = p.b1().length, m = p.b2().length;
          double[][][][] dw1 = new double[f][][][];
          double[] db1 = new double[f];
          double[][] dw2 = new double[f][m];
          double[] db2 = new double[m];
          for (int k = 0; k < f; k++) {
            dw1[k] = new double[x[0].length][x[0][0].length][x[0][0][0].length];
            for (int c = 0; c < x[0].length; c++)
              for (int r = 0; r < x[0][0].length; r++)
                for (int s = 0; s < x[0][0][0].length; s++) dw1[k][c][r][s] = reg * p.w1()[k][c][r][s];
            for (int j = 0; j < m; j++) dw2[k][j] = reg * p.w2()[k][j];
          }
          for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) db2[j] += dscores[i][j];
            for (int k = 0; k < f; k++) {
              double dh = 0;
              for (int j = 0; j < m; j++) {
                dw2[k][j] += h[i][k] * dscores[i][j];
                dh += dscores[i][j] * p.w2()[k][j];
              }
              double dz = dh * (1 - h[i][k] * h[i][k]);
              db1[k] += dz;
              for (int c = 0; c < x[i].length; c++)
                for (int r = 0; r < x[i][c].length; r++)
                  for (int s = 0; s < x[i][c][r].length; s++) dw1[k][c][r][s] += dz * x[i][c][r][s];
            }
          }
          return new ConvNetParams(dw1, db1, dw2, db2);
        }

        private static double squares(Object array) {
          double sum = 0;
          if (array instanceof double[] row) {
            for (double v : row) sum += v * v;
          } else {
            for (Object row : (Object[]) array) sum += squares(row);
          }
          return sum;
        }
      }
      """;

  private static final String FLOAT_TANH =
      """
      package cnn;

      public class FloatTanh {
        private float[][] x, w, out;

        public float[][] forward(float[][] x, float[][] w) {
          this.x = x;
          this.w = w;
          out = new float[x.length][w[0].length];
          for (int n = 0; n < x.length; n++)
            for (int m = 0; m < w[0].length; m++) {
              float sum = 0;
              for (int d = 0; d < w.length; d++) sum += x[n][d] * w[d][m];
              out[n][m] = (float) Math.tanh(sum);
            }
          return out;
        }

        public FloatGrads backward(float[][] dout) {
          float[][] dx = new float[x.length][w.length], dw = new float[w.length][w[0].length];
          for (int n = 0; n < x.length; n++)
            for (int m = 0; m < w[0].length; m++) {
              float dz = dout[n][m] * (1 - out[n][m] * out[n][m]);
              for (int d = 0; d < w.length; d++) {
                dx[n][d] += dz * w[d][m];
                dw[d][m] += dz * x[n][d];
              }
            }
          return new FloatGrads(dx, dw);
        }
      }
      """;

  private static final String FLOAT_GRADS =
      """
      package cnn;

      public record FloatGrads(float[][] dx, float[][] dw) {}
      """;

  private static final List<Argument> WEIGHTS =
      List.of(
          Argument.value("w1", ValueType.TENSOR4),
          Argument.value("b1", ValueType.TENSOR1),
          Argument.value("w2", ValueType.TENSOR2),
          Argument.value("b2", ValueType.TENSOR1));

  static LayerContract net() {
    Argument params = Argument.record("p", "ConvNetParams", WEIGHTS);
    Map<String, String> inputOf = new LinkedHashMap<>();
    inputOf.put("dw1", "w1");
    inputOf.put("db1", "b1");
    inputOf.put("dw2", "w2");
    inputOf.put("db2", "b2");
    return new LayerContract(
        "cnn.ThreeLayerConvNet",
        List.of(Argument.value("reg", ValueType.DOUBLE)),
        List.of(
            new Step(
                "scores",
                "scores",
                List.of(Argument.value("x", ValueType.TENSOR4), params),
                new Result.Value("scores", ValueType.TENSOR2),
                List.of()),
            new Step(
                "loss",
                "loss",
                List.of(
                    Argument.value("x", ValueType.TENSOR4),
                    Argument.value("y", ValueType.INTS1),
                    params),
                new Result.Value("loss", ValueType.DOUBLE),
                List.of()),
            new Step(
                "gradients",
                "gradients",
                List.of(),
                new Result.RecordOf(
                    "ConvNetParams",
                    List.of(
                        new Result.Output("dw1", ValueType.TENSOR4, "w1"),
                        new Result.Output("db1", ValueType.TENSOR1, "b1"),
                        new Result.Output("dw2", ValueType.TENSOR2, "w2"),
                        new Result.Output("db2", ValueType.TENSOR1, "b2"))),
                List.of("loss"))),
        new Backprop("loss", "loss", "gradients", null, inputOf));
  }

  static LayerContract floatTanh() {
    Map<String, String> inputOf = new LinkedHashMap<>();
    inputOf.put("dx", "x");
    inputOf.put("dw", "w");
    return new LayerContract(
        "cnn.FloatTanh",
        List.of(),
        List.of(
            new Step(
                "forward",
                "forward",
                List.of(
                    Argument.value("x", ValueType.FLOAT2), Argument.value("w", ValueType.FLOAT2)),
                new Result.Value("out", ValueType.FLOAT2),
                List.of()),
            new Step(
                "backward",
                "backward",
                List.of(Argument.value("dout", ValueType.FLOAT2)),
                Result.RecordOf.of(
                    "FloatGrads",
                    Result.RecordOf.component("dx", ValueType.FLOAT2),
                    Result.RecordOf.component("dw", ValueType.FLOAT2)),
                List.of("forward"))),
        new Backprop("forward", "out", "backward", "dout", inputOf));
  }

  private static Tensor uniform(Random random, int... dims) {
    double[] values = new double[Shape.of(dims).size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = random.nextDouble() * 2 - 1;
    }
    return new Tensor(Shape.of(dims), values);
  }

  /** N = 3 images of 2 channels of 3 by 3, F = 4, 3 classes. */
  private static CaseInputs netCase(LayerContract contract) {
    Random random = new Random(5);
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("reg", 0.1);
    values.put("x", uniform(random, 3, 2, 3, 3));
    values.put("w1", uniform(random, 4, 2, 3, 3));
    values.put("b1", uniform(random, 4));
    values.put("w2", uniform(random, 4, 3));
    values.put("b2", uniform(random, 3));
    values.put("y", new Tensor(Shape.of(3), new double[] {2, 0, 1}));
    return new CaseInputs(contract, values);
  }

  private static CaseInputs floatCase(LayerContract contract) {
    Random random = new Random(6);
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("x", uniform(random, 3, 4));
    values.put("w", uniform(random, 4, 2));
    values.put("dout", uniform(random, 3, 2));
    return new CaseInputs(contract, values);
  }

  /** Compiles {@code files} (name, source, ...) below cnn/ and runs each case and its check. */
  private SubmissionRun run(List<CaseInputs> cases, String... files) throws Exception {
    List<LayerContract> contracts = cases.stream().map(CaseInputs::contract).toList();
    return run(cases, compile(contracts, files));
  }

  private Compilation.Compiled compile(List<LayerContract> contracts, String... files)
      throws Exception {
    SubmissionFolder folder = SubmissionFolder.in(temp.resolve("submission"));
    for (int i = 0; i < files.length; i += 2) {
      folder.with("cnn/" + files[i], files[i + 1]);
    }
    Compilation compilation =
        new SubmissionCompiler(contracts, Duration.ofSeconds(60))
            .compile(folder.path(), temp.resolve("work"));
    assertThat(compilation).isInstanceOf(Compilation.Compiled.class);
    return (Compilation.Compiled) compilation;
  }

  private SubmissionRun run(List<CaseInputs> cases, Compilation.Compiled compiled)
      throws Exception {
    List<LayerContract> contracts = cases.stream().map(CaseInputs::contract).toList();
    return new SubmissionRunner(TestSandbox.strongest(), Limits.DEFAULT)
        .run(
            compiled.classes(),
            contracts,
            List.of(cases),
            new SubmissionRunner.Deadline(Duration.ofSeconds(60)),
            (problems, runs) -> cases);
  }

  private static Tensor returned(CaseRun run, String step, String output) {
    CallOutcome<StepOutputs> outcome = run.step(step);
    assertThat(outcome).isInstanceOf(CallOutcome.Returned.class);
    NestedArray value = ((CallOutcome.Returned<StepOutputs>) outcome).value().get(output);
    assertThat(value).isInstanceOf(NestedArray.Regular.class);
    return ((NestedArray.Regular) value).tensor();
  }

  /** Whether backward's {@code gradient} agrees with the centred differences, as grading asks. */
  private static boolean agrees(ProbedGradients probed, String gradient) {
    Tensor centred = ((NestedArray.Regular) probed.numerical().get(gradient)).tensor();
    Tensor given = ((NestedArray.Regular) probed.analytic().get(gradient)).tensor();
    ProbePrecision precision = probed.precisionOf(gradient);
    return RelativeError.compare(
            centred, given, precision.relative(), index -> precision.absoluteFloor())
        .passed();
  }

  @SuppressWarnings("unchecked")
  private static ProbedGradients probed(SubmissionRun run, LayerContract contract) {
    CallOutcome<ProbedGradients> check = run.gradientChecks().get(contract);
    assertThat(check).isInstanceOf(CallOutcome.Returned.class);
    return ((CallOutcome.Returned<ProbedGradients>) check).value();
  }

  /** The mean cross-entropy of softmax over each row of {@code scores}, for labels {@code y}. */
  private static double softmaxLoss(Tensor scores, int[] y) {
    int classes = scores.shape().dim(1);
    double loss = 0;
    for (int n = 0; n < y.length; n++) {
      double total = 0;
      for (int c = 0; c < classes; c++) {
        total += Math.exp(scores.get(n * classes + c));
      }
      loss += Math.log(total) - scores.get(n * classes + y[n]);
    }
    return loss / y.length;
  }

  /** sum(w1^2) + sum(w2^2) of a case. */
  private static double weightSquares(CaseInputs inputs) {
    double sum = 0;
    for (String key : List.of("w1", "w2")) {
      for (double value : ((Tensor) inputs.values().get(key)).data()) {
        sum += value * value;
      }
    }
    return sum;
  }

  @Test
  void aModelTakesItsWeightsAsARecordReturnsALossAndItsGradientsAgreeWithTheProbe()
      throws Exception {
    LayerContract net = net();
    CaseInputs inputs = netCase(net);

    SubmissionRun run =
        run(List.of(inputs), "ConvNetParams.java", PARAMS, "ThreeLayerConvNet.java", NET);

    CaseRun caseRun = run.executions().get(0).runs().get(0);
    assertThat(run.executions().get(0).contractProblems().get(net)).isEmpty();
    Tensor scores = returned(caseRun, "scores", "scores");
    Tensor loss = returned(caseRun, "loss", "loss");
    assertThat(scores.shape()).isEqualTo(Shape.of(3, 3));
    assertThat(loss.shape()).isEqualTo(Shape.of());
    assertThat(loss.get(0))
        .isCloseTo(
            softmaxLoss(scores, new int[] {2, 0, 1}) + 0.05 * weightSquares(inputs), within(1e-12));
    assertThat(returned(caseRun, "gradients", "dw1").shape()).isEqualTo(Shape.of(4, 2, 3, 3));
    assertThat(caseRun.inputChanges()).isEmpty();
    ProbedGradients probed = probed(run, net);
    for (String gradient : List.of("dw1", "db1", "dw2", "db2")) {
      assertThat(probed.precisionOf(gradient)).isEqualTo(ProbePrecision.DOUBLE);
      assertThat(agrees(probed, gradient)).as(gradient).isTrue();
    }
    assertThat(((NestedArray.Regular) probed.numerical().get("dw1")).tensor())
        .isNotEqualTo(new Tensor(Shape.of(4, 2, 3, 3), new double[72]));
  }

  @Test
  void aModelWhoseGradientsLeaveOutTheRegularizationDisagreesWithItsOwnLoss() throws Exception {
    LayerContract net = net();

    SubmissionRun run =
        run(
            List.of(netCase(net)),
            "ConvNetParams.java",
            PARAMS,
            "ThreeLayerConvNet.java",
            NET.replace("dw2[k][j] = reg * p.w2()[k][j];", "dw2[k][j] = 0;"));

    ProbedGradients probed = probed(run, net);
    assertThat(agrees(probed, "dw2")).isFalse();
    assertThat(agrees(probed, "dw1")).isTrue();
  }

  @Test
  void floatTensorsGoInAsFloatsAndComeBackAsDoublesAndTheCheckAllowsForFloatRounding()
      throws Exception {
    LayerContract layer = floatTanh();
    CaseInputs inputs = floatCase(layer);

    SubmissionRun run =
        run(List.of(inputs), "FloatGrads.java", FLOAT_GRADS, "FloatTanh.java", FLOAT_TANH);

    CaseRun caseRun = run.executions().get(0).runs().get(0);
    Tensor out = returned(caseRun, "forward", "out");
    Tensor x = (Tensor) inputs.values().get("x");
    Tensor w = (Tensor) inputs.values().get("w");
    assertThat(out.shape()).isEqualTo(Shape.of(3, 2));
    for (int i = 0; i < out.size(); i++) {
      int n = i / 2;
      int m = i % 2;
      double sum = 0;
      for (int d = 0; d < 4; d++) {
        sum += (float) x.get(n * 4 + d) * (double) (float) w.get(d * 2 + m);
      }
      assertThat(out.get(i))
          .isEqualTo((double) (float) out.get(i))
          .isCloseTo(Math.tanh(sum), within(1e-6));
    }
    assertThat(returned(caseRun, "backward", "dw").shape()).isEqualTo(Shape.of(4, 2));
    ProbedGradients probed = probed(run, layer);
    assertThat(probed.precisionOf("dx")).isEqualTo(ProbePrecision.FLOAT);
    assertThat(agrees(probed, "dx")).isTrue();
    assertThat(agrees(probed, "dw")).isTrue();
  }

  @Test
  void aBoxedLossAndAClassForARecordAreNamedAndWhatBindsStillRuns() throws Exception {
    LayerContract net = net();

    SubmissionRun run =
        run(
            List.of(netCase(net)),
            "ConvNetParams.java",
            """
            package cnn;

            public final class ConvNetParams {
              private final double[][][][] w1; private final double[] b1;
              private final double[][] w2; private final double[] b2;
              public ConvNetParams(double[][][][] w1, double[] b1, double[][] w2, double[] b2) {
                this.w1 = w1; this.b1 = b1; this.w2 = w2; this.b2 = b2;
              }
              public double[][][][] w1() { return w1; }
              public double[] b1() { return b1; }
              public double[][] w2() { return w2; }
              public double[] b2() { return b2; }
            }
            """,
            "ThreeLayerConvNet.java",
            NET);

    Map<Member, String> problems = run.executions().get(0).contractProblems().get(net);
    String expected =
        "cnn.ConvNetParams is not a record (expected record ConvNetParams(double[][][][] w1,"
            + " double[] b1, double[][] w2, double[] b2))";
    assertThat(problems)
        .containsOnlyKeys(Member.step("scores"), Member.step("loss"))
        .containsEntry(Member.step("scores"), expected)
        .containsEntry(Member.step("loss"), expected);
    CaseRun caseRun = run.executions().get(0).runs().get(0);
    assertThat(caseRun.constructor()).isInstanceOf(CallOutcome.Returned.class);
    assertThat(caseRun.step("scores"))
        .isEqualTo(new CallOutcome.Unavailable<>(Member.step("scores")));
    assertThat(caseRun.step("gradients")).isEqualTo(new CallOutcome.Skipped<>(Member.step("loss")));
  }

  @Test
  void aLossDeclaredDoubleBoxedIsRefusedWithWhatWasFound() throws Exception {
    LayerContract net = net();

    SubmissionRun run =
        run(
            List.of(netCase(net)),
            "ConvNetParams.java",
            PARAMS,
            "ThreeLayerConvNet.java",
            NET.replace(
                "public double loss(double[][][][] x, int[] y, ConvNetParams p) {",
                "public Double loss(double[][][][] x, int[] y, ConvNetParams p) {\n"
                    + "    if (y.length > 0) return null;"));

    assertThat(run.executions().get(0).contractProblems().get(net))
        .containsExactly(
            Map.entry(
                Member.step("loss"), "public Double loss(double[][][][], int[], ConvNetParams)"));
    assertThat(run.gradientChecks().get(net))
        .isEqualTo(new CallOutcome.Unavailable<>(Member.step("gradients")));
  }

  @Test
  void whatARecordsConstructorThrowsIsWhatEveryCallGivenItThrew() throws Exception {
    LayerContract net = net();

    SubmissionRun run =
        run(
            List.of(netCase(net)),
            "ConvNetParams.java",
            PARAMS.replace(
                "double[] b2) {}",
                "double[] b2) {\n  public ConvNetParams {\n    if (b2.length == 3) throw new"
                    + " IllegalStateException(\"three classes\");\n  }\n}"),
            "ThreeLayerConvNet.java",
            NET);

    CaseRun caseRun = run.executions().get(0).runs().get(0);
    for (String step : List.of("scores", "loss")) {
      assertThat(caseRun.step(step)).isInstanceOf(CallOutcome.Threw.class);
      CallOutcome.Threw<StepOutputs> threw = (CallOutcome.Threw<StepOutputs>) caseRun.step(step);
      assertThat(threw.type()).isEqualTo("java.lang.IllegalStateException");
      assertThat(threw.message()).isEqualTo("three classes");
      assertThat(threw.frames().get(0)).startsWith("cnn.ConvNetParams.<init>(ConvNetParams.java:");
    }
    assertThat(caseRun.step("gradients")).isEqualTo(new CallOutcome.Skipped<>(Member.step("loss")));
  }

  @Test
  void aLossThatWritesIntoItsLabelsIsFoundOut() throws Exception {
    LayerContract net = net();

    SubmissionRun run =
        run(
            List.of(netCase(net)),
            "ConvNetParams.java",
            PARAMS,
            "ThreeLayerConvNet.java",
            NET.replace(
                "double[][] scores = scores(x, p);",
                "y[0] = 1;\n    double[][] scores = scores(x, p);"));

    assertThat(run.executions().get(0).runs().get(0).inputChanges())
        .containsExactly(new InputChange(Member.step("loss"), "y", "[0]", 2, 1, ""));
  }

  @Test
  void aSubmissionWithoutTheRecordItTakesGetsTheOneItsContractDeclares() throws Exception {
    LayerContract net = net();
    CaseInputs inputs = netCase(net);

    Compilation.Compiled compiled = compile(List.of(net), "ThreeLayerConvNet.java", NET);
    SubmissionRun run = run(List.of(inputs), compiled);

    assertThat(compiled.notes())
        .containsExactly("used the template's ConvNetParams record (the submission has none)");
    assertThat(run.executions().get(0).contractProblems().get(net)).isEmpty();
    assertThat(returned(run.executions().get(0).runs().get(0), "loss", "loss").shape())
        .isEqualTo(Shape.of());
  }

  @Test
  void aRecordClassMissingInTheChildIsNamedNotACrash() throws Exception {
    // As when the record came from a library the submission compiled against: it is gone when the
    // child loads the model.
    LayerContract net = net();
    Compilation.Compiled compiled =
        compile(List.of(net), "ConvNetParams.java", PARAMS, "ThreeLayerConvNet.java", NET);
    java.nio.file.Files.delete(compiled.classes().resolve("cnn/ConvNetParams.class"));

    SubmissionRun run = run(List.of(netCase(net)), compiled);

    assertThat(run.executions().get(0).contractProblems().get(net))
        .containsEntry(
            Member.step("scores"),
            "cnn.ConvNetParams was not handed in (expected record ConvNetParams(double[][][][] w1,"
                + " double[] b1, double[][] w2, double[] b2))")
        .containsEntry(
            Member.CLASS,
            "class cnn.ThreeLayerConvNet could not be inspected:"
                + " java.lang.NoClassDefFoundError: cnn/ConvNetParams");
    // A class whose signatures cannot be read runs nothing, as with any class it needs gone.
    assertThat(run.executions().get(0).runs().get(0).constructor())
        .isEqualTo(new CallOutcome.Unavailable<>(Member.CONSTRUCTOR));
  }
}
