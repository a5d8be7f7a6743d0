package org.cnngrader.execution;

import org.cnngrader.tensor.Tensor;

/** What the child receives for one case: hyper-parameters and inputs, never expected values. */
public record CaseInputs(int stride, int pad, Tensor x, Tensor w, Tensor b, Tensor dout) {}
