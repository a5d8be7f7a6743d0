package org.cnngrader.sandbox;

/**
 * How strongly student code is confined, strongest first. The number is the level the documentation
 * and {@code --strict} speak of.
 */
public enum SandboxLevel {
  /** bubblewrap: no network, and a file system holding only the JDK, the runner and the classes. */
  BWRAP(1, "bwrap", "bubblewrap: no network; only the JDK, the runner and the submission visible"),
  /** A throw-away unprivileged user, for a grader running as root where bubblewrap cannot run. */
  USER(
      2,
      "user",
      "an unprivileged user of its own: fixtures and outputs unreadable; network still reachable"),
  /** A process of the grader's own user: limits and clean-up only. */
  PROCESS(
      3,
      "process",
      "a process of the grader's user: time, memory and output limits only; files and network open");

  private final int number;
  private final String key;
  private final String description;

  SandboxLevel(int number, String key, String description) {
    this.number = number;
    this.key = key;
    this.description = description;
  }

  /** 1 is the strongest. */
  public int number() {
    return number;
  }

  /** The name on the command line and in the provenance: bwrap, user or process. */
  public String key() {
    return key;
  }

  /** What the level promises, in one line for the TA. */
  public String description() {
    return description;
  }
}
