package org.cnngrader.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A record argument is bound beside the layer's class and made afresh for every call from the
 * case's values; a loss takes no upstream gradient, and the probe differentiates the loss itself.
 */
class RecordArgumentsTest {

  private static final Member LOSS = Member.step("loss");

  /** L = 0.5 * sum((x w + b)^2) + 0.5 * reg * sum(w^2), and its gradients by name. */
  static class SquaredLoss {
    final double reg;
    double[][] x;
    double[][] w;
    double[][] out;

    SquaredLoss(double reg) {
      this.reg = reg;
    }

    public double loss(double[][] x, LossParams p) {
      this.x = x;
      this.w = p.w();
      out = new double[x.length][p.b().length];
      double loss = 0;
      for (int n = 0; n < x.length; n++) {
        for (int m = 0; m < p.b().length; m++) {
          double sum = p.b()[m];
          for (int d = 0; d < x[n].length; d++) {
            sum += x[n][d] * p.w()[d][m];
          }
          out[n][m] = sum;
          loss += 0.5 * sum * sum;
        }
      }
      for (double[] row : p.w()) {
        for (double value : row) {
          loss += 0.5 * reg * value * value;
        }
      }
      return loss;
    }

    public LossParams gradients() {
      double[][] dw = new double[w.length][w[0].length];
      double[] db = new double[w[0].length];
      for (int n = 0; n < x.length; n++) {
        for (int m = 0; m < db.length; m++) {
          db[m] += out[n][m];
          for (int d = 0; d < w.length; d++) {
            dw[d][m] += x[n][d] * out[n][m];
          }
        }
      }
      for (int d = 0; d < w.length; d++) {
        for (int m = 0; m < db.length; m++) {
          dw[d][m] += reg * w[d][m];
        }
      }
      return new LossParams(dw, db);
    }
  }

  /** Leaves the regularization out of dw: its backward does not follow its own loss. */
  static class ForgetsRegularization extends SquaredLoss {
    ForgetsRegularization(double reg) {
      super(reg);
    }

    @Override
    public LossParams gradients() {
      LossParams all = super.gradients();
      for (int d = 0; d < w.length; d++) {
        for (int m = 0; m < w[0].length; m++) {
          all.w()[d][m] -= reg * w[d][m];
        }
      }
      return all;
    }
  }

  /** Writes into the weights it is given, through the record. */
  static class WritesItsWeights extends SquaredLoss {
    WritesItsWeights(double reg) {
      super(reg);
    }

    @Override
    public double loss(double[][] x, LossParams p) {
      p.w()[1][0] = 42;
      return super.loss(x, p);
    }
  }

  /** Takes the record that refuses every value. */
  static class TakesRejectingParams {
    TakesRejectingParams(double reg) {}

    public double loss(double[][] x, RejectingParams p) {
      return 0;
    }

    public RejectingParams gradients() {
      return null;
    }
  }

  static LayerContract contract(Class<?> type, String recordType) {
    Argument params =
        Argument.record(
            "p",
            recordType,
            List.of(
                Argument.value("w", ValueType.TENSOR2), Argument.value("b", ValueType.TENSOR1)));
    return new LayerContract(
        type.getName(),
        List.of(Argument.value("reg", ValueType.DOUBLE)),
        List.of(
            new Step(
                "loss",
                "loss",
                List.of(Argument.value("x", ValueType.TENSOR2), params),
                new Result.Value("loss", ValueType.DOUBLE),
                List.of()),
            new Step(
                "gradients",
                "gradients",
                List.of(),
                new Result.RecordOf(
                    recordType,
                    List.of(
                        new Result.Output("dw", ValueType.TENSOR2, "w"),
                        new Result.Output("db", ValueType.TENSOR1, "b"))),
                List.of("loss"))),
        new Backprop(
            "loss", "loss", "gradients", null, Contracts.gradientsOf("dw", "w", "db", "b")));
  }

  private static StudentLayer find(Class<?> type, String recordType) {
    return StudentLayer.find(
        contract(type, recordType), RecordArgumentsTest.class.getClassLoader());
  }

  private static CaseCall.Inputs small() {
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("reg", 0.3);
    values.put("x", new double[][] {{0.5, -1, 0.25}, {-0.75, 0.5, 1}});
    values.put("w", new double[][] {{0.2, -0.4}, {0.6, 0.1}, {-0.3, 0.8}});
    values.put("b", new double[] {0.05, -0.15});
    return new CaseCall.Inputs(values);
  }

  @Test
  void aRecordIsMadeForEachCallFromTheCaseValuesAndTheLossIsADouble() throws Throwable {
    StudentLayer layer = find(SquaredLoss.class, "LossParams");
    CaseCall.Inputs inputs = small();

    Object instance = layer.construct(inputs.values());
    Map<String, Object> outputs =
        layer.call(layer.contract().stepOf("loss"), instance, inputs.values());

    assertThat(layer.problems()).isEmpty();
    // x w + b = [[-0.525, -0.25], [-0.1, 1.0]]: 0.5 * 1.348125, plus 0.5 * 0.3 * sum(w^2) = 1.3
    assertThat((Double) outputs.get("loss")).isCloseTo(0.6740625 + 0.195, within(1e-12));
  }

  @Test
  void theProbeDifferentiatesTheLossItselfAndItsPerturbationsReachTheRecord() throws Throwable {
    GradientProbe.Gradients found =
        new GradientProbe(find(SquaredLoss.class, "LossParams"), small()).run();

    double[][] dw = (double[][]) found.analytic().get("dw");
    double[][] centred = (double[][]) found.numerical().get("dw");
    for (int d = 0; d < dw.length; d++) {
      assertThat(centred[d]).containsExactly(dw[d], within(1e-8));
    }
    assertThat((double[]) found.numerical().get("db"))
        .containsExactly((double[]) found.analytic().get("db"), within(1e-8));
    assertThat(Math.abs(dw[0][0])).isGreaterThan(0.1);
  }

  @Test
  void aGradientThatLeavesOutTheRegularizationDisagreesWithItsOwnLoss() throws Throwable {
    GradientProbe.Gradients found =
        new GradientProbe(find(ForgetsRegularization.class, "LossParams"), small()).run();

    double[][] dw = (double[][]) found.analytic().get("dw");
    double[][] centred = (double[][]) found.numerical().get("dw");
    // What is missing is reg * w: 0.3 * 0.2 at [0][0].
    assertThat(centred[0][0] - dw[0][0]).isCloseTo(0.06, within(1e-8));
  }

  @Test
  void aWriteThroughTheRecordIntoTheCaseArraysIsNoticed() throws Throwable {
    StudentLayer layer = find(WritesItsWeights.class, "LossParams");
    CaseCall.Inputs inputs = small();
    Object before = InputChanges.copy(inputs.values().get("w"));

    layer.call(layer.contract().stepOf("loss"), layer.construct(inputs.values()), inputs.values());

    assertThat(InputChanges.compare(LOSS, "w", before, inputs.values().get("w")))
        .containsExactly(new InputChanges.Change(LOSS, "w", "[1][0]", 0.6, 42, ""));
    assertThat(layer.contract().stepOf("loss").arguments().get(1).tensorKeys())
        .containsExactly("w", "b");
  }

  @Test
  void aMissingRecordIsNamedWithTheRecordTheContractExpects() {
    StudentLayer layer = find(SquaredLoss.class, "Nowhere");

    assertThat(layer.problems())
        .containsOnlyKeys(LOSS)
        .containsEntry(
            LOSS,
            "org.cnngrader.runner.Nowhere was not handed in"
                + " (expected record Nowhere(double[][] w, double[] b))");
    assertThat(layer.has(Member.CONSTRUCTOR)).isTrue();
  }

  @Test
  void aClassThatIsNoRecordIsRefused() {
    assertThat(find(SquaredLoss.class, "NotARecord").problems())
        .containsEntry(
            LOSS,
            "org.cnngrader.runner.NotARecord is not a record"
                + " (expected record NotARecord(double[][] w, double[] b))");
  }

  @Test
  void aRecordWithOtherComponentsShowsBoth() {
    assertThat(find(SquaredLoss.class, "SwappedParams").problems())
        .containsEntry(
            LOSS,
            "org.cnngrader.runner.SwappedParams is record SwappedParams(double[] b, double[][] w)"
                + " (expected record SwappedParams(double[][] w, double[] b))");
  }

  @Test
  void whatARecordsConstructorThrowsIsWhatTheCallThrew() throws Throwable {
    // The record binds (its components are right), but refuses every value: the step that was
    // given it threw.
    StudentLayer layer = find(TakesRejectingParams.class, "RejectingParams");
    CaseCall.Inputs inputs = small();
    Object instance = layer.construct(inputs.values());

    assertThat(layer.problems()).isEmpty();
    assertThatThrownBy(() -> layer.call(layer.contract().stepOf("loss"), instance, inputs.values()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("no weights today");
  }
}
