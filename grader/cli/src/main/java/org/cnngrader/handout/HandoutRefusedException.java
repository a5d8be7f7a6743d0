package org.cnngrader.handout;

import java.util.List;

/** The handout would give secrets away and was not written: one reason per leaking entry. */
public final class HandoutRefusedException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final List<String> reasons;

  HandoutRefusedException(List<String> reasons) {
    super(
        "refusing to write the handout: "
            + reasons.size()
            + (reasons.size() == 1 ? " entry gives" : " entries give")
            + " away what students must not see");
    this.reasons = List.copyOf(reasons);
  }

  /** One line per leaking entry: the entry's path in the zip, then what is wrong with it. */
  public List<String> reasons() {
    return reasons;
  }
}
