package org.cnngrader.reference;

import org.cnngrader.layers.conv2d.Conv2dBounds;
import org.cnngrader.layers.conv2d.ConvParams;
import org.cnngrader.tensor.Tensor;

/**
 * A convolution's forward and backward results, or their rounding bounds: the known mistakes are
 * modelled once, as edits around a convolution, and run with either, so that every mistake's
 * reference comes with bounds computed the same way.
 */
interface Conv2dComputation {

  /** ND4J's values. */
  Conv2dComputation ND4J =
      new Conv2dComputation() {
        @Override
        public Tensor forward(Tensor x, Tensor w, Tensor b, ConvParams params) {
          return Nd4jConv2d.forward(x, w, b, params);
        }

        @Override
        public Nd4jConv2d.Backward backward(
            Tensor x, Tensor w, Tensor b, Tensor dout, ConvParams params) {
          return Nd4jConv2d.backward(x, w, b, dout, params);
        }
      };

  /** For each element, how far two correct computations of it may differ by rounding alone. */
  Conv2dComputation ROUNDING_BOUNDS =
      new Conv2dComputation() {
        @Override
        public Tensor forward(Tensor x, Tensor w, Tensor b, ConvParams params) {
          Conv2dBounds bounds = new Conv2dBounds(x, w, b, null, params);
          return bounds.of("out").all(bounds.geometry().outShape());
        }

        @Override
        public Nd4jConv2d.Backward backward(
            Tensor x, Tensor w, Tensor b, Tensor dout, ConvParams params) {
          Conv2dBounds bounds = new Conv2dBounds(x, w, b, dout, params);
          return new Nd4jConv2d.Backward(
              bounds.of("dx").all(x.shape()),
              bounds.of("dw").all(w.shape()),
              bounds.of("db").all(b.shape()));
        }
      };

  Tensor forward(Tensor x, Tensor w, Tensor b, ConvParams params);

  Nd4jConv2d.Backward backward(Tensor x, Tensor w, Tensor b, Tensor dout, ConvParams params);
}
