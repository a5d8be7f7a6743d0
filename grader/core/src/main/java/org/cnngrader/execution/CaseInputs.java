package org.cnngrader.execution;

import org.cnngrader.tensor.Tensor;

/** What the child receives for one case: hyper-parameters and inputs, never expected values. */
public record CaseInputs(int stride, int pad, Tensor x, Tensor w, Tensor b, Tensor dout) {

  public CaseInputs {
    if (stride < 1 || pad < 0) {
      throw new IllegalArgumentException(
          "stride must be at least 1 and pad at least 0, found stride "
              + stride
              + " and pad "
              + pad);
    }
    if (x == null || w == null || b == null || dout == null) {
      throw new IllegalArgumentException("a case needs x, w, b and dout");
    }
  }
}
