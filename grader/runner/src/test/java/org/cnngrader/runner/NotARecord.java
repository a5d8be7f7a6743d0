package org.cnngrader.runner;

/** A class where the contract expects a record: it has the components' accessors, but no record. */
final class NotARecord {
  private final double[][] w;
  private final double[] b;

  NotARecord(double[][] w, double[] b) {
    this.w = w;
    this.b = b;
  }

  double[][] w() {
    return w;
  }

  double[] b() {
    return b;
  }
}
