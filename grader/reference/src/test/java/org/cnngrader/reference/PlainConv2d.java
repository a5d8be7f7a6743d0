package org.cnngrader.reference;

import org.cnngrader.layers.conv2d.ConvGeometry;
import org.cnngrader.layers.conv2d.ConvParams;
import org.cnngrader.tensor.Tensor;

/** The convolution written as the lesson states it, in plain loops: the yardstick for ND4J. */
final class PlainConv2d {

  private PlainConv2d() {}

  static Tensor forward(Tensor x, Tensor w, Tensor b, ConvParams params) {
    ConvGeometry g = ConvGeometry.of(x.shape(), w.shape(), params);
    double[] out = new double[g.outShape().size()];
    int o = 0;
    for (int n = 0; n < g.n(); n++) {
      for (int f = 0; f < g.f(); f++) {
        for (int i = 0; i < g.outHeight(); i++) {
          for (int j = 0; j < g.outWidth(); j++) {
            double sum = b.get(f);
            for (int c = 0; c < g.c(); c++) {
              for (int p = 0; p < g.hh(); p++) {
                for (int q = 0; q < g.ww(); q++) {
                  int row = i * g.stride() + p - g.pad();
                  int col = j * g.stride() + q - g.pad();
                  if (row >= 0 && row < g.h() && col >= 0 && col < g.w()) {
                    sum +=
                        x.get(((n * g.c() + c) * g.h() + row) * g.w() + col)
                            * w.get(((f * g.c() + c) * g.hh() + p) * g.ww() + q);
                  }
                }
              }
            }
            out[o++] = sum;
          }
        }
      }
    }
    return new Tensor(g.outShape(), out);
  }

  static Nd4jConv2d.Backward backward(Tensor x, Tensor w, Tensor dout, ConvParams params) {
    ConvGeometry g = ConvGeometry.of(x.shape(), w.shape(), params);
    double[] dx = new double[x.size()];
    double[] dw = new double[w.size()];
    double[] db = new double[g.f()];
    int o = 0;
    for (int n = 0; n < g.n(); n++) {
      for (int f = 0; f < g.f(); f++) {
        for (int i = 0; i < g.outHeight(); i++) {
          for (int j = 0; j < g.outWidth(); j++) {
            double grad = dout.get(o++);
            db[f] += grad;
            for (int c = 0; c < g.c(); c++) {
              for (int p = 0; p < g.hh(); p++) {
                for (int q = 0; q < g.ww(); q++) {
                  int row = i * g.stride() + p - g.pad();
                  int col = j * g.stride() + q - g.pad();
                  if (row >= 0 && row < g.h() && col >= 0 && col < g.w()) {
                    int xi = ((n * g.c() + c) * g.h() + row) * g.w() + col;
                    int wi = ((f * g.c() + c) * g.hh() + p) * g.ww() + q;
                    dx[xi] += w.get(wi) * grad;
                    dw[wi] += x.get(xi) * grad;
                  }
                }
              }
            }
          }
        }
      }
    }
    return new Nd4jConv2d.Backward(
        new Tensor(x.shape(), dx), new Tensor(w.shape(), dw), new Tensor(g.bShape(), db));
  }
}
