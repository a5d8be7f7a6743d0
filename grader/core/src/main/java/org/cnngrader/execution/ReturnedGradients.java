package org.cnngrader.execution;

/** The components of the Gradients a student's backward returned, as the student built them. */
public record ReturnedGradients(double[][][][] dx, double[][][][] dw, double[] db) {}
