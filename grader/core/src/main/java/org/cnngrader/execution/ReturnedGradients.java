package org.cnngrader.execution;

/** The components of the Gradients a student's backward returned, as the student built them. */
// Arrays on purpose: it carries the student's arrays exactly as returned, ragged or null.
@SuppressWarnings("ArrayRecordComponent")
public record ReturnedGradients(double[][][][] dx, double[][][][] dw, double[] db) {}
