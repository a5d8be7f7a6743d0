package org.cnngrader.execution;

/** The three calls of one case, in the order the child made them. */
public record CaseRun(
    CallOutcome<Void> constructor,
    CallOutcome<double[][][][]> forward,
    CallOutcome<ReturnedGradients> backward) {}
