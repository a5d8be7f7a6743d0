package org.cnngrader.runner;

/** The record the contract expects, with its components in another order. */
// Arrays on purpose: the contract's record has array components.
@SuppressWarnings("ArrayRecordComponent")
record SwappedParams(double[] b, double[][] w) {}
