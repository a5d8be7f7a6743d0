package org.cnngrader.cli;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** How {@code grade} reads the SUBMISSION and --batch inputs ({@code --format}). */
enum InputFormat {
  /** Each input as it looks: a Gradescope export, a Canvas download, or plain submissions. */
  AUTO,
  /** Every SUBMISSION a folder or zip of one submission, every --batch child one submission. */
  FOLDERS,
  /** Every input a Gradescope export, with or without its submission_metadata.yml. */
  GRADESCOPE,
  /** Every input a Canvas download: files named {@code <name>_<user id>_<file id>_<file name>}. */
  CANVAS;

  static InputFormat parse(String text) {
    for (InputFormat format : values()) {
      if (format.key().equals(text)) {
        return format;
      }
    }
    throw new UsageException("--format must be one of " + keys() + ", found '" + text + "'");
  }

  String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  static String keys() {
    return Arrays.stream(values()).map(InputFormat::key).collect(Collectors.joining(", "));
  }
}
