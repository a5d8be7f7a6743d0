package org.cnngrader.inspect;

import java.util.Arrays;
import java.util.Optional;

/** The kinds of use that the static check reports, each with its key in a policy file. */
public enum FindingKind {
  EXIT("exit", "ends the JVM"),
  PROCESS("process", "starts operating-system processes"),
  NETWORK("network", "opens network connections"),
  FILE_IO("file-io", "reads or writes files"),
  REFLECTION("reflection", "inspects or loads code at run time"),
  THREADS("threads", "starts threads or runs code in parallel");

  private final String policyKey;
  private final String description;

  FindingKind(String policyKey, String description) {
    this.policyKey = policyKey;
    this.description = description;
  }

  /** The stable key of this kind in a policy file, e.g. {@code file-io}. */
  public String policyKey() {
    return policyKey;
  }

  /** What such a use does, in plain words for students, e.g. "ends the JVM". */
  public String description() {
    return description;
  }

  /** The kind whose policy key is {@code key}, if any. */
  public static Optional<FindingKind> fromPolicyKey(String key) {
    return Arrays.stream(values()).filter(kind -> kind.policyKey.equals(key)).findFirst();
  }
}
