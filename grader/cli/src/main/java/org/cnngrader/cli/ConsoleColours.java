package org.cnngrader.cli;

import org.cnngrader.report.Highlight;
import picocli.CommandLine.Help.Ansi;

/**
 * Colours for the table on a terminal: green for full marks, yellow for some, red for none. Plain
 * text when stdout is not a terminal (piped, redirected, in CI) or when NO_COLOR is set, as
 * https://no-color.org asks.
 */
final class ConsoleColours implements Highlight {

  ConsoleColours() {}

  /** Colours where they help, plain text everywhere else. */
  // On JDK 17, which the grader targets, System.console() is null unless stdin and stdout are a
  // terminal: exactly the test wanted.
  @SuppressWarnings("SystemConsoleNull")
  static Highlight detect() {
    String noColor = System.getenv("NO_COLOR");
    boolean wanted = noColor == null || noColor.isEmpty();
    boolean terminal = System.console() != null && !"dumb".equals(System.getenv("TERM"));
    return wanted && terminal ? new ConsoleColours() : Highlight.PLAIN;
  }

  @Override
  public String full(String text) {
    return colour("green", text);
  }

  @Override
  public String partial(String text) {
    return colour("yellow", text);
  }

  @Override
  public String none(String text) {
    return colour("red", text);
  }

  private static String colour(String style, String text) {
    return Ansi.ON.text("@|bold," + style + " " + text.replace("|@", "| @") + "|@").toString();
  }
}
