package org.cnngrader.runner;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The contract check the child makes before calling anything, on classes of every odd shape. */
class StudentLayerTest {

  private static final Member FORWARD = Member.step("forward");
  private static final Member BACKWARD = Member.step("backward");

  // Arrays on purpose: the contract's Gradients record has array components.
  @SuppressWarnings("ArrayRecordComponent")
  record Grads(double[][][][] dx, double[][][][] dw, double[] db) {}

  static class Good {
    Good(int stride, int pad) {}

    public double[][][][] forward(double[][][][] x, double[][][][] w, double[] b) {
      return x;
    }

    public Grads backward(double[][][][] dout) {
      return new Grads(dout, dout, new double[0]);
    }
  }

  abstract static class Abstract extends Good {
    Abstract(int stride, int pad) {
      super(stride, pad);
    }
  }

  static class Inherits extends Good {
    Inherits(int stride, int pad) {
      super(stride, pad);
    }
  }

  static class StaticForward {
    StaticForward(int stride, int pad) {}

    public static double[][][][] forward(double[][][][] x, double[][][][] w, double[] b) {
      return x;
    }

    public Grads backward(double[][][][] dout) {
      return null;
    }
  }

  static final class HalfGrads {
    public double[][][][] dx() {
      return null;
    }
  }

  static class WrongTypes {
    WrongTypes(int stride) {}

    public double[][][] forward(double[][][][] x, double[][][][] w, double[] b) {
      return null;
    }

    public HalfGrads backward(double[][][][] dout) {
      return null;
    }
  }

  private static StudentLayer find(Class<?> type) {
    return StudentLayer.find(Contracts.conv2d(type), StudentLayerTest.class.getClassLoader());
  }

  @Test
  void acceptsTheContractWithARecordOfGradients() {
    assertThat(find(Good.class).problems()).isEmpty();
  }

  @Test
  void findsMethodsDeclaredInASuperclass() {
    assertThat(find(Inherits.class).problems()).isEmpty();
  }

  @Test
  void refusesAnAbstractClass() {
    assertThat(find(Abstract.class).problems())
        .containsEntry(Member.CONSTRUCTOR, "class " + Abstract.class.getName() + " is abstract");
  }

  @Test
  void refusesAStaticForwardAndShowsIt() {
    assertThat(find(StaticForward.class).problems())
        .containsOnlyKeys(FORWARD)
        .containsEntry(
            FORWARD,
            "public static double[][][][] forward(double[][][][], double[][][][], double[])");
  }

  @Test
  void namesWhatIsWrongWithEachMember() {
    var problems = find(WrongTypes.class).problems();

    assertThat(problems.get(Member.CONSTRUCTOR)).isEqualTo("WrongTypes(int)");
    assertThat(problems.get(FORWARD))
        .isEqualTo("public double[][][] forward(double[][][][], double[][][][], double[])");
    assertThat(problems.get(BACKWARD))
        .isEqualTo(
            "public HalfGrads backward(double[][][][]), but "
                + HalfGrads.class.getName()
                + " lacks double[][][][] dw(), double[] db()"
                + " (expected record Gradients(double[][][][] dx, double[][][][] dw, double[] db))");
  }

  @Test
  void saysWhenTheClassIsMissing() {
    StudentLayer layer =
        StudentLayer.find(
            new LayerContract(
                "cnn.Nowhere",
                Contracts.conv2d(Good.class).constructor(),
                Contracts.conv2d(Good.class).steps(),
                null),
            StudentLayerTest.class.getClassLoader());

    assertThat(layer.problems())
        .containsExactlyEntriesOf(java.util.Map.of(Member.CLASS, "cnn.Nowhere was not handed in"));
    assertThat(layer.has(FORWARD)).isFalse();
  }
}
