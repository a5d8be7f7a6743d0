package org.cnngrader.runner;

/** The record the contract expects, whose compact constructor refuses what it is given. */
// Arrays on purpose: the contract's record has array components.
@SuppressWarnings("ArrayRecordComponent")
record RejectingParams(double[][] w, double[] b) {
  RejectingParams {
    throw new IllegalArgumentException("no weights today");
  }
}
