package org.cnngrader.layers.conv2d;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.withinPercentage;

import java.util.SplittableRandom;
import org.cnngrader.compare.SumErrorBound;
import org.cnngrader.tensor.Shape;
import org.cnngrader.tensor.Tensor;
import org.junit.jupiter.api.Test;

class Conv2dBoundsTest {

  @Test
  void outSumsTheWindowsMagnitudesAndTheBiasCountingOnlyTermsInsideTheInput() {
    Tensor x = new Tensor(Shape.of(1, 1, 2, 2), new double[] {1, -2, 3, -4});
    Tensor w = new Tensor(Shape.of(1, 1, 2, 2), new double[] {0.5, 0.5, -1, 1});
    Tensor b = new Tensor(Shape.of(1), new double[] {-0.25});

    Conv2dBounds noPad = new Conv2dBounds(x, w, b, null, new ConvParams(1, 0));
    Conv2dBounds padded = new Conv2dBounds(x, w, b, null, new ConvParams(1, 1));

    assertThat(noPad.of("out").at(0)).isEqualTo(SumErrorBound.of(5, 0.25 + 0.5 + 1 + 3 + 4));
    // Top left of the padded output: the window holds x[0][0] alone, under w[1][1].
    assertThat(padded.of("out").at(0)).isEqualTo(SumErrorBound.of(2, 0.25 + 1));
  }

  @Test
  void aMistakesBoundHoldsWhereItPairsOtherProductsThanTheRightResult() {
    // One output element; the right products are small, the flipped kernel's cancel at 1e16.
    Tensor x = new Tensor(Shape.of(1, 1, 1, 4), new double[] {1e8, 1e8, 1, 1e-8});
    Tensor w = new Tensor(Shape.of(1, 1, 1, 4), new double[] {1e-8, 1, -1e8, 1e8});
    Tensor b = new Tensor(Shape.of(1), new double[] {0});
    Conv2dBounds bounds = new Conv2dBounds(x, w, b, null, new ConvParams(1, 0));
    double[] flipped = new double[4];
    for (int q = 0; q < 4; q++) {
      flipped[q] = x.get(q) * w.get(3 - q);
    }
    double leftToRight = 0;
    double rightToLeft = 0;
    for (int q = 0; q < 4; q++) {
      leftToRight += flipped[q];
      rightToLeft += flipped[3 - q];
    }
    double difference = Math.abs(leftToRight - rightToLeft);

    // Two orders of the flipped kernel's sum, both a correct computation of that mistake.
    assertThat(difference).isGreaterThan(bounds.of("out").at(0));
    assertThat(difference).isLessThanOrEqualTo(bounds.ofMistake("flipped-kernel", "out").at(0));
  }

  @Test
  void aMistakesBoundCoversTheRightResultsEverywhere() {
    SplittableRandom random = new SplittableRandom(11);
    ConvGeometry g = new ConvGeometry(2, 3, 7, 8, 2, 3, 2, new ConvParams(2, 1));
    Conv2dBounds bounds =
        new Conv2dBounds(
            random(g.xShape(), random),
            random(g.wShape(), random),
            random(g.bShape(), random),
            random(g.outShape(), random),
            g.params());
    Shape[] shapes = {g.outShape(), g.xShape(), g.wShape(), g.bShape()};
    String[] tensors = {"out", "dx", "dw", "db"};
    for (int t = 0; t < tensors.length; t++) {
      double mistake = bounds.ofMistake("stride-ignored", tensors[t]).ceiling();
      Tensor right = bounds.of(tensors[t]).all(shapes[t]);
      for (int i = 0; i < right.size(); i++) {
        assertThat(right.get(i)).as("%s[%d]", tensors[t], i).isLessThanOrEqualTo(mistake);
      }
    }
  }

  @Test
  void everyTensorsBoundsMatchAnIndependentScatterOfTheSameProducts() {
    SplittableRandom random = new SplittableRandom(7);
    for (ConvGeometry g :
        new ConvGeometry[] {
          new ConvGeometry(2, 3, 7, 8, 2, 3, 2, new ConvParams(1, 0)),
          new ConvGeometry(2, 3, 7, 8, 2, 3, 2, new ConvParams(2, 1)),
          new ConvGeometry(2, 3, 8, 7, 2, 3, 2, new ConvParams(3, 2))
        }) {
      assertThat(g.fits()).isTrue();
      ConvParams params = g.params();
      Tensor x = random(g.xShape(), random);
      Tensor w = random(g.wShape(), random);
      Tensor b = random(g.bShape(), random);
      Tensor dout = random(g.outShape(), random);
      Conv2dBounds bounds = new Conv2dBounds(x, w, b, dout, params);

      Scatter expected = Scatter.of(g, x, w, b, dout);

      assertAllClose(bounds.of("out").all(g.outShape()), expected.out());
      assertAllClose(bounds.of("dx").all(g.xShape()), expected.dx());
      assertAllClose(bounds.of("dw").all(g.wShape()), expected.dw());
      assertAllClose(bounds.of("db").all(g.bShape()), expected.db());
      for (String tensor : new String[] {"out", "dx", "dw", "db"}) {
        Tensor all = bounds.of(tensor).all(expected.tensor(tensor).shape());
        double ceiling = bounds.of(tensor).ceiling();
        for (int i = 0; i < all.size(); i++) {
          assertThat(all.get(i)).as("%s[%d] under the ceiling", tensor, i).isLessThan(ceiling);
        }
      }
    }
  }

  @Test
  void refusesATensorItDoesNotComputeAndGradientsWithoutDout() {
    Tensor x = new Tensor(Shape.of(1, 1, 1, 1), new double[] {1});
    Tensor b = new Tensor(Shape.of(1), new double[] {1});
    ConvParams params = new ConvParams(1, 0);

    assertThatThrownBy(() -> new Conv2dBounds(x, x, b, null, params).of("dx"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("no dout was given: only out has bounds");
    assertThatThrownBy(() -> new Conv2dBounds(x, x, b, x, params).of("running_mean"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a convolution computes no tensor running_mean");
  }

  private static void assertAllClose(Tensor actual, Tensor expected) {
    for (int i = 0; i < expected.size(); i++) {
      assertThat(actual.get(i))
          .as("element %d", i)
          .isCloseTo(expected.get(i), withinPercentage(1e-9));
    }
  }

  private static Tensor random(Shape shape, SplittableRandom random) {
    double[] data = new double[shape.size()];
    for (int i = 0; i < data.length; i++) {
      data[i] = random.nextDouble(-1, 1);
    }
    return new Tensor(shape, data);
  }

  /**
   * The bounds worked out the other way round: one pass over every product of the convolution,
   * adding each one's magnitude to the element it belongs to, and counting it there.
   */
  private record Scatter(Tensor out, Tensor dx, Tensor dw, Tensor db) {

    Tensor tensor(String name) {
      return switch (name) {
        case "out" -> out;
        case "dx" -> dx;
        case "dw" -> dw;
        default -> db;
      };
    }

    static Scatter of(ConvGeometry g, Tensor x, Tensor w, Tensor b, Tensor dout) {
      double[] outSums = new double[g.outShape().size()];
      int[] outTerms = new int[outSums.length];
      double[] dxSums = new double[x.size()];
      int[] dxTerms = new int[dxSums.length];
      double[] dwSums = new double[w.size()];
      int[] dwTerms = new int[dwSums.length];
      double[] dbSums = new double[b.size()];
      int[] dbTerms = new int[dbSums.length];
      int o = 0;
      for (int n = 0; n < g.n(); n++) {
        for (int f = 0; f < g.f(); f++) {
          for (int i = 0; i < g.outHeight(); i++) {
            for (int j = 0; j < g.outWidth(); j++, o++) {
              outSums[o] += Math.abs(b.get(f));
              outTerms[o]++;
              dbSums[f] += Math.abs(dout.get(o));
              dbTerms[f]++;
              for (int c = 0; c < g.c(); c++) {
                for (int p = 0; p < g.hh(); p++) {
                  for (int q = 0; q < g.ww(); q++) {
                    int row = i * g.stride() + p - g.pad();
                    int col = j * g.stride() + q - g.pad();
                    if (row < 0 || row >= g.h() || col < 0 || col >= g.w()) {
                      continue;
                    }
                    int xi = ((n * g.c() + c) * g.h() + row) * g.w() + col;
                    int wi = ((f * g.c() + c) * g.hh() + p) * g.ww() + q;
                    outSums[o] += Math.abs(x.get(xi) * w.get(wi));
                    outTerms[o]++;
                    dxSums[xi] += Math.abs(dout.get(o) * w.get(wi));
                    dxTerms[xi]++;
                    dwSums[wi] += Math.abs(dout.get(o) * x.get(xi));
                    dwTerms[wi]++;
                  }
                }
              }
            }
          }
        }
      }
      return new Scatter(
          bounds(g.outShape(), outTerms, outSums),
          bounds(x.shape(), dxTerms, dxSums),
          bounds(w.shape(), dwTerms, dwSums),
          bounds(b.shape(), dbTerms, dbSums));
    }

    private static Tensor bounds(Shape shape, int[] terms, double[] sums) {
      double[] bounds = new double[sums.length];
      for (int i = 0; i < bounds.length; i++) {
        bounds[i] = SumErrorBound.of(terms[i], sums[i]);
      }
      return new Tensor(shape, bounds);
    }
  }
}
