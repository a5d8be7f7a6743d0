package org.cnngrader.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.cnngrader.runner.Argument;
import org.cnngrader.runner.LayerContract;
import org.cnngrader.runner.Result;
import org.cnngrader.runner.Step;
import org.cnngrader.runner.ValueType;
import org.cnngrader.tensor.Shape;
import org.cnngrader.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** A case's values as the child receives them: labels are whole numbers, a double may be a []. */
class CaseInputsTest {

  /** forward(float[][] scores, int[] y, double margin) to a double. */
  private static final LayerContract LOSS =
      new LayerContract(
          "cnn.Loss",
          List.of(),
          List.of(
              new Step(
                  "forward",
                  "forward",
                  List.of(
                      Argument.value("scores", ValueType.FLOAT2),
                      Argument.value("y", ValueType.INTS1),
                      Argument.value("margin", ValueType.DOUBLE)),
                  new Result.Value("loss", ValueType.DOUBLE),
                  List.of())),
          null);

  private static final Tensor SCORES = new Tensor(Shape.of(2, 2), new double[] {0.1, 0.2, 0, 1});

  @Test
  void labelsThatAreNotWholeNumbersAreRefusedWithTheirPlace() {
    Tensor labels = new Tensor(Shape.of(3), new double[] {0, 1.5, 2});

    assertThatThrownBy(
            () -> new CaseInputs(LOSS, Map.of("scores", SCORES, "y", labels, "margin", 1.0)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Loss's case needs y of ints, found 1.5 at [1]");
  }

  @Test
  void floatsIntsAndADoubleGivenAsAScalarTensorAreWrittenAsTheChildReadsThem() throws IOException {
    CaseInputs inputs =
        new CaseInputs(
            LOSS,
            Map.of(
                "scores",
                SCORES,
                "y",
                new Tensor(Shape.of(2), new double[] {1, 0}),
                "margin",
                new Tensor(Shape.of(), new double[] {0.5})));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    for (Map.Entry<String, ValueType> value : LOSS.caseValues().entrySet()) {
      inputs.write(value.getKey(), value.getValue(), out);
    }

    DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()));
    assertThat((float[][]) ValueType.FLOAT2.read(in))
        .isDeepEqualTo(new float[][] {{0.1f, 0.2f}, {0f, 1f}});
    assertThat((int[]) ValueType.INTS1.read(in)).containsExactly(1, 0);
    assertThat(ValueType.DOUBLE.read(in)).isEqualTo(0.5);
    assertThat(in.available()).isZero();
  }
}
