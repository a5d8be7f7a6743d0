package org.cnngrader.intake;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** How {@code grade} reads the SUBMISSION and --batch inputs ({@code --format}). */
public enum InputFormat {
  /** Each input as it looks: a Gradescope export, a Canvas download, or plain submissions. */
  AUTO,
  /** Every SUBMISSION a folder or zip of one submission, every --batch child one submission. */
  FOLDERS,
  /** Every input a Gradescope export, with or without its submission_metadata.yml. */
  GRADESCOPE,
  /** Every input a Canvas download: files named {@code <name>_<user id>_<file id>_<file name>}. */
  CANVAS;

  /** The format of {@code key} ({@code auto}, {@code folders}, ...), if there is one. */
  public static Optional<InputFormat> ofKey(String key) {
    return Arrays.stream(values()).filter(format -> format.key().equals(key)).findFirst();
  }

  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Every format's key, for messages. */
  public static String keys() {
    return Arrays.stream(values()).map(InputFormat::key).collect(Collectors.joining(", "));
  }
}
