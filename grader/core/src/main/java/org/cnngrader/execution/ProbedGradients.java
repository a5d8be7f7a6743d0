package org.cnngrader.execution;

/**
 * What the gradient check found in the child: the student's backward on a small case ({@code
 * analytic}, null when backward returned no gradients) and the centred differences of the student's
 * own forward there.
 */
// Arrays on purpose: they are the wire's, compared once and dropped.
@SuppressWarnings("ArrayRecordComponent")
public record ProbedGradients(
    ReturnedGradients analytic, double[][][][] dx, double[][][][] dw, double[] db) {}
