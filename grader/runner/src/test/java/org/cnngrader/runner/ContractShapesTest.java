package org.cnngrader.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A contract can describe the layers of a CNN notebook beyond convolution: one input and one
 * gradient (pooling), a mode fixed per step, state read by later steps, and a backward that returns
 * a record of three tensors (spatial batch normalization). The child binds and calls them by the
 * contract alone, and the contract survives the wire.
 */
class ContractShapesTest {

  // Arrays on purpose: the contract's record has array components.
  @SuppressWarnings("ArrayRecordComponent")
  record NormGrads(double[][][][] dx, double[] dgamma, double[] dbeta) {}

  /** Batch norm's shape of contract, computing nothing real: each call says what it was given. */
  static class NormLike {
    private final double[] running;
    private boolean trained;

    NormLike(int channels, double eps, double momentum) {
      running = new double[channels];
    }

    public double[][][][] forward(double[][][][] x, double[] gamma, double[] beta, boolean train) {
      trained |= train;
      running[0] += train ? 1 : 0;
      return new double[][][][] {{{{train ? 1 : 0}}}};
    }

    public double[] runningMean() {
      return running.clone();
    }

    public NormGrads backward(double[][][][] dout) {
      return new NormGrads(dout, new double[] {trained ? 1 : 0}, new double[2]);
    }
  }

  static LayerContract normLike(Class<?> type) {
    return new LayerContract(
        type.getName(),
        List.of(
            Argument.value("channels", ValueType.INT),
            Argument.value("eps", ValueType.DOUBLE),
            Argument.value("momentum", ValueType.DOUBLE)),
        List.of(
            new Step(
                "forward",
                "forward",
                List.of(
                    Argument.value("x", ValueType.TENSOR4),
                    Argument.value("gamma", ValueType.TENSOR1),
                    Argument.value("beta", ValueType.TENSOR1),
                    Argument.constant("train", ValueType.BOOLEAN, true)),
                new Result.Value("out", ValueType.TENSOR4),
                List.of()),
            new Step(
                "running_mean",
                "runningMean",
                List.of(),
                new Result.Value("running_mean", ValueType.TENSOR1),
                List.of("forward")),
            new Step(
                "backward",
                "backward",
                List.of(Argument.value("dout", ValueType.TENSOR4)),
                Result.RecordOf.of(
                    "NormGradients",
                    Result.RecordOf.component("dx", ValueType.TENSOR4),
                    Result.RecordOf.component("dgamma", ValueType.TENSOR1),
                    Result.RecordOf.component("dbeta", ValueType.TENSOR1)),
                List.of("forward")),
            new Step(
                "forward_test",
                "forward",
                List.of(
                    Argument.value("x", ValueType.TENSOR4, "x_test"),
                    Argument.value("gamma", ValueType.TENSOR1),
                    Argument.value("beta", ValueType.TENSOR1),
                    Argument.constant("train", ValueType.BOOLEAN, false)),
                new Result.Value("out_test", ValueType.TENSOR4),
                List.of("forward"))),
        new Backprop(
            "forward",
            "out",
            "backward",
            "dout",
            Map.of("dx", "x", "dgamma", "gamma", "dbeta", "beta")));
  }

  @Test
  void aNormalizationLikeContractBindsAndRunsStepByStepOnOneInstance() throws Throwable {
    LayerContract contract = normLike(NormLike.class);
    StudentLayer layer = StudentLayer.find(contract, ContractShapesTest.class.getClassLoader());
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("channels", 3);
    values.put("eps", 1e-5);
    values.put("momentum", 0.9);
    values.put("x", new double[1][1][1][1]);
    values.put("gamma", new double[3]);
    values.put("beta", new double[3]);
    values.put("dout", new double[][][][] {{{{7}}}});
    values.put("x_test", new double[1][1][1][1]);

    assertThat(layer.problems()).isEmpty();
    assertThat(contract.caseValues().keySet())
        .containsExactly("channels", "eps", "momentum", "x", "gamma", "beta", "dout", "x_test");
    Object instance = layer.construct(values);
    assertThat(
            ((double[][][][]) layer.call(contract.stepOf("forward"), instance, values).get("out"))
                [0][0][0][0])
        .isEqualTo(1);
    assertThat(
            (double[])
                layer.call(contract.stepOf("running_mean"), instance, values).get("running_mean"))
        .containsExactly(1, 0, 0);
    Map<String, Object> gradients = layer.call(contract.stepOf("backward"), instance, values);
    assertThat(gradients).containsOnlyKeys("dx", "dgamma", "dbeta");
    assertThat((double[]) gradients.get("dgamma")).containsExactly(1);
    assertThat(
            ((double[][][][])
                    layer.call(contract.stepOf("forward_test"), instance, values).get("out_test"))
                [0][0][0][0])
        .isZero();
  }

  /** Remembers what it was built with and every batch forward was given, in order. */
  static class History {
    final int channels;
    final List<Double> seen = new java.util.ArrayList<>();

    History(int channels) {
      this.channels = channels;
    }

    public double[][][][] forward(double[][][][] x) {
      seen.add(x[0][0][0][0]);
      return new double[][][][] {{{{seen.size()}}}};
    }
  }

  static LayerContract history() {
    return new LayerContract(
        History.class.getName(),
        List.of(Argument.sizeOf("channels", "x_train", 2)),
        List.of(
            new Step(
                "forward_train",
                "forward",
                List.of(Argument.eachSliceOf("x", ValueType.TENSOR4, "x_train")),
                new Result.Value("out", ValueType.TENSOR4),
                List.of())),
        null);
  }

  @Test
  void aStepOverSlicesIsCalledOncePerSliceInOrderAndReturnsTheLastAndASizeComesFromItsAxis()
      throws Throwable {
    LayerContract contract = history();
    StudentLayer layer = StudentLayer.find(contract, ContractShapesTest.class.getClassLoader());
    // Three batches [T = 3][N = 1][C = 2][1][1], whose first values are 10, 20, 30.
    double[][][][][] batches = new double[3][1][2][1][1];
    for (int t = 0; t < 3; t++) {
      batches[t][0][0][0][0] = 10 * (t + 1);
    }
    Map<String, Object> values = Map.of("x_train", batches);

    assertThat(layer.problems()).isEmpty();
    assertThat(contract.caseValues()).containsExactly(Map.entry("x_train", ValueType.TENSOR5));
    History instance = (History) layer.construct(values);
    Map<String, Object> out = layer.call(contract.stepOf("forward_train"), instance, values);

    assertThat(instance.channels).isEqualTo(2);
    assertThat(instance.seen).containsExactly(10.0, 20.0, 30.0);
    assertThat(((double[][][][]) out.get("out"))[0][0][0][0]).isEqualTo(3);
  }

  @Test
  void aMissingRecordComponentIsNamedWithTheRecordTheContractExpects() {
    LayerContract contract = normLike(StudentLayerTest.Good.class);

    StudentLayer layer = StudentLayer.find(contract, ContractShapesTest.class.getClassLoader());

    assertThat(layer.problems()).containsKey(Member.CONSTRUCTOR);
    assertThat(layer.problems().get(Member.step("running_mean"))).isEqualTo("none");
  }

  @Test
  void everyContractSurvivesTheWire() throws Exception {
    for (LayerContract contract :
        List.of(
            Contracts.conv2d(StudentLayerTest.Good.class),
            normLike(NormLike.class),
            history(),
            Contracts.convNet("cnn.ThreeLayerConvNet"))) {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      contract.writeTo(new DataOutputStream(bytes));

      LayerContract read =
          LayerContract.readFrom(
              new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));

      assertThat(read).isEqualTo(contract);
    }
  }

  @Test
  void anOutputIsATensorOrADoubleAndNothingElse() {
    assertThatThrownBy(() -> Result.RecordOf.component("count", ValueType.INT))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("count: an output is a tensor or a double, found INT");
    assertThatThrownBy(() -> new Result.Value("done", ValueType.BOOLEAN))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("done: an output is a tensor or a double, found BOOLEAN");
    assertThat(new Result.Value("loss", ValueType.DOUBLE).javaType()).isEqualTo("double");
    assertThat(Result.RecordOf.component("scores", ValueType.FLOAT2).type().javaName())
        .isEqualTo("float[][]");
  }

  @Test
  void floatAndIntTensorsCrossTheWireAsTheirOwnType() throws Exception {
    float[][] floats = {{1.5f, -0.1f}, null, {3f}};
    int[] labels = {0, 2, 1};
    var bytes = new ByteArrayOutputStream();
    try (var out = new DataOutputStream(bytes)) {
      ValueType.FLOAT2.write(out, floats);
      ValueType.INTS1.write(out, labels);
      ValueType.LONG.write(out, 1L << 40);
    }
    try (var in = new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      assertThat((float[][]) ValueType.FLOAT2.read(in)).isDeepEqualTo(floats);
      assertThat((int[]) ValueType.INTS1.read(in)).containsExactly(0, 2, 1);
      assertThat(ValueType.LONG.read(in)).isEqualTo(1L << 40);
    }
    assertThat(ValueType.tensor(float.class, 2)).isEqualTo(ValueType.FLOAT2);
    assertThat(ValueType.FLOAT2.withRank(3)).isEqualTo(ValueType.FLOAT3);
    assertThat(ValueType.INTS1.element()).isEqualTo(int.class);
  }

  @Test
  void aRecordArgumentReadsItsComponentsFromTheCaseAndIsDeclaredByItsSimpleName() {
    LayerContract contract = Contracts.convNet("cnn.ThreeLayerConvNet");

    assertThat(contract.caseValues())
        .containsExactly(
            Map.entry("reg", ValueType.DOUBLE),
            Map.entry("x", ValueType.TENSOR4),
            Map.entry("w1", ValueType.TENSOR4),
            Map.entry("b1", ValueType.TENSOR1),
            Map.entry("w2", ValueType.TENSOR2),
            Map.entry("b2", ValueType.TENSOR1),
            Map.entry("y", ValueType.INTS1));
    assertThat(contract.stepOf("scores").signature())
        .isEqualTo("public double[][] scores(double[][][][] x, ConvNetParams p)");
    assertThat(contract.stepOf("loss").signature())
        .isEqualTo("public double loss(double[][][][] x, int[] y, ConvNetParams p)");
    assertThat(contract.recordTypes()).containsExactly("ConvNetParams");
    assertThat(contract.recordDeclarations())
        .containsExactly(
            Map.entry(
                "ConvNetParams",
                "record ConvNetParams(double[][][][] w1, double[] b1, double[][] w2, double[] b2)"));
    assertThat(contract.backprop().hasUpstream()).isFalse();
    assertThat(contract.gradientType("dw2")).isEqualTo(ValueType.TENSOR2);
  }

  @Test
  void aRecordArgumentHoldsValuesOnlyNoRecordsConstantsOrSizes() {
    assertThatThrownBy(
            () ->
                Argument.record(
                    "p",
                    "Outer",
                    List.of(
                        Argument.record(
                            "q", "Inner", List.of(Argument.value("w", ValueType.TENSOR1))))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "argument p: component q of record Outer must be a case's value (a tensor or a scalar),"
                + " found RECORD");
    assertThatThrownBy(
            () ->
                Argument.record(
                    "p", "Params", List.of(Argument.constant("train", ValueType.BOOLEAN, true))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "argument p: component train of record Params must be a case's value (a tensor or a"
                + " scalar), found CONSTANT");
    assertThatThrownBy(() -> Argument.record("p", "Params", List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("argument p: record Params needs at least one component");
    assertThatThrownBy(
            () -> Argument.record("p", "cnn.Params", List.of(Argument.value("w", ValueType.INT))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("argument p needs a record's simple name, found cnn.Params");
    assertThatThrownBy(
            () ->
                Argument.record(
                    "p",
                    "Params",
                    List.of(
                        Argument.value("w", ValueType.TENSOR1),
                        Argument.value("w", ValueType.TENSOR1, "v"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "argument p: record Params has a component named w twice or not as Java names one");
  }

  @Test
  void aRecordWithinARecordIsRefusedOnTheWireToo() throws Exception {
    var bytes = new ByteArrayOutputStream();
    try (var out = new DataOutputStream(bytes)) {
      Wire.writeString(out, "cnn.Net");
      out.writeInt(1); // one constructor argument
      Wire.writeString(out, "p");
      Wire.writeString(out, "RECORD");
      Wire.writeString(out, "Outer");
      out.writeInt(1); // one component, itself a record
      Wire.writeString(out, "q");
      Wire.writeString(out, "RECORD");
    }

    assertThatThrownBy(
            () ->
                LayerContract.readFrom(
                    new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()))))
        .isInstanceOf(java.io.IOException.class)
        .hasMessage("bad contract: a record within a record, q");
  }

  @Test
  void aBackpropWithoutUpstreamDifferentiatesADoubleAndOneWithAnUpstreamATensor() {
    LayerContract net = Contracts.convNet("cnn.ThreeLayerConvNet");
    Backprop ofScores =
        new Backprop("scores", "scores", "gradients", null, Contracts.gradientsOf("dw1", "w1"));
    Backprop lossWithUpstream =
        new Backprop("loss", "loss", "gradients", "dloss", Contracts.gradientsOf("dw1", "w1"));
    Backprop ofLabels =
        new Backprop("loss", "loss", "gradients", null, Contracts.gradientsOf("dw1", "y"));
    Backprop noSuchGradient =
        new Backprop("loss", "loss", "gradients", null, Contracts.gradientsOf("dx", "x"));

    assertThatThrownBy(() -> withBackprop(net, ofScores))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "cnn.ThreeLayerConvNet: a backward without an upstream gradient differentiates a double"
                + " (a loss), but scores is double[][]");
    assertThatThrownBy(() -> withBackprop(net, lossWithUpstream))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "cnn.ThreeLayerConvNet: loss is a double: its backward takes no upstream gradient"
                + " dloss");
    assertThatThrownBy(() -> withBackprop(net, ofLabels))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "cnn.ThreeLayerConvNet: gradient dw1 is of y, which is no double or float tensor the"
                + " steps read");
    assertThatThrownBy(() -> withBackprop(net, noSuchGradient))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("cnn.ThreeLayerConvNet: step gradients returns no gradient dx");
  }

  @Test
  void aCaseValueIsReadAsOneTypeAndARecordDeclaredOnce() {
    List<Argument> other =
        List.of(Argument.value("w1", ValueType.TENSOR4), Argument.value("b1", ValueType.TENSOR1));

    assertThatThrownBy(
            () ->
                new LayerContract(
                    "cnn.Net",
                    List.of(Argument.value("x", ValueType.TENSOR2)),
                    List.of(step("forward", Argument.value("x", ValueType.FLOAT2))),
                    null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("cnn.Net: case value x is read as double[][] and as float[][]");
    assertThatThrownBy(
            () ->
                new LayerContract(
                    "cnn.Net",
                    List.of(Argument.record("p", "ConvNetParams", Contracts.PARAMS)),
                    List.of(step("forward", Argument.record("p", "ConvNetParams", other))),
                    null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "cnn.Net: record ConvNetParams(double[][][][] w1, double[] b1, double[][] w2, double[]"
                + " b2) is also record ConvNetParams(double[][][][] w1, double[] b1)");
  }

  private static Step step(String key, Argument argument) {
    return new Step(
        key, key, List.of(argument), new Result.Value("out", ValueType.TENSOR2), List.of());
  }

  private static LayerContract withBackprop(LayerContract contract, Backprop backprop) {
    return new LayerContract(
        contract.className(), contract.constructor(), contract.steps(), backprop);
  }
}
