package org.cnngrader.layers.conv2d;

import java.util.Map;
import org.cnngrader.layer.Params;

/**
 * A convolution layer's hyper-parameters: the step of the filter and the zeros added on each side.
 */
public record ConvParams(int stride, int pad) {

  /** A case's stride and pad. */
  public static ConvParams of(Params params) {
    return new ConvParams(params.integer("stride"), params.integer("pad"));
  }

  /** As a case's parameters. */
  public Params toParams() {
    return Params.of(Conv2dLayer.LAYER.params(), Map.of("stride", stride, "pad", pad));
  }

  public ConvParams {
    if (stride < 1) {
      throw new IllegalArgumentException("stride must be at least 1, found " + stride);
    }
    if (pad < 0) {
      throw new IllegalArgumentException("pad must not be negative, found " + pad);
    }
  }
}
