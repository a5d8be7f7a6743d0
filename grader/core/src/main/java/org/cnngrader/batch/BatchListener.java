package org.cnngrader.batch;

import org.cnngrader.grading.SubmissionResult;
import org.cnngrader.intake.Submissions.Submission;

/**
 * Hears a batch as it goes: its plan before anything is graded, then each submission as it is
 * graded or as the grader fails on it. {@link #graded} and {@link #failed} are called from the
 * threads that grade, several at a time.
 */
public interface BatchListener {

  /** Before grading: which submissions are graded and which keep an earlier run's results. */
  default void planned(ResumePlan plan) {}

  /** A submission graded, its results written. */
  default void graded(Submission submission, SubmissionResult result) {}

  /**
   * A submission not graded through a fault of the grader or the machine ({@code fault} says
   * which); its earlier results, if any, are left as they were.
   */
  default void failed(Submission submission, String fault) {}
}
