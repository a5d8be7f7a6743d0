package org.cnngrader.sandbox;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What the operator asked for: a level, or the strongest one that works here. */
public enum SandboxChoice {
  AUTO,
  BWRAP,
  USER,
  PROCESS;

  /** Parses {@code auto}, {@code bwrap}, {@code user} or {@code process}. */
  public static SandboxChoice parse(String text) {
    for (SandboxChoice choice : values()) {
      if (choice.key().equals(text)) {
        return choice;
      }
    }
    throw new IllegalArgumentException("unknown sandbox '" + text + "': expected one of " + keys());
  }

  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static String keys() {
    return Arrays.stream(values()).map(SandboxChoice::key).collect(Collectors.joining(", "));
  }
}
