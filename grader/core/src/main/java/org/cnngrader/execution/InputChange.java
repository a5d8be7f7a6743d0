package org.cnngrader.execution;

import org.cnngrader.runner.Member;

/**
 * The first place where a call modified one of its inputs: {@code where} is the index, e.g. {@code
 * [0][1][2][3]}; {@code how} is empty for a changed value and says what happened otherwise (an
 * array set to null or replaced by one of another length), with NaN for the values.
 */
public record InputChange(
    Member call, String input, String where, double before, double after, String how) {

  public InputChange {
    if (call == null || input == null || where == null || how == null) {
      throw new IllegalArgumentException("an input change needs call, input, where and how");
    }
  }

  /** True when a value changed, false when an array was replaced or set to null. */
  public boolean valueChanged() {
    return how.isEmpty();
  }
}
