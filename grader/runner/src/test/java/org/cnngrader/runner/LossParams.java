package org.cnngrader.runner;

/** The weights a test's loss takes by name, as a student's record of them would be. */
// Arrays on purpose: the contract's record has array components.
@SuppressWarnings("ArrayRecordComponent")
record LossParams(double[][] w, double[] b) {}
