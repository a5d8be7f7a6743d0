package org.cnngrader.template;

import java.util.List;

/**
 * Declarations laid out as google-java-format lays them out: on one line when they fit in 100
 * columns, else the parameters on the next line, else one per line.
 */
final class JavaLines {

  private static final int WIDTH = 100;

  private JavaLines() {}

  /**
   * {@code head(p1, p2)} and {@code tail} at {@code indent}: the head {@code public double[][]
   * forward}, the parameters {@code double[][] x} and the tail an opening brace.
   */
  static String declaration(String indent, String head, List<String> params, String tail) {
    String joined = String.join(", ", params);
    String oneLine = indent + head + "(" + joined + ")" + tail;
    if (oneLine.length() <= WIDTH || params.isEmpty()) {
      return oneLine + "\n";
    }
    String continuation = indent + "    ";
    String nextLine = continuation + joined + ")" + tail;
    if (nextLine.length() <= WIDTH) {
      return indent + head + "(\n" + nextLine + "\n";
    }
    return indent
        + head
        + "(\n"
        + continuation
        + String.join(",\n" + continuation, params)
        + ")"
        + tail
        + "\n";
  }

  /** {@code throw new UnsupportedOperationException("message");} as a method's body. */
  static String throwing(String indent, String message) {
    String literal = "\"" + message + "\"";
    String head = indent + "throw new UnsupportedOperationException(";
    String oneLine = head + literal + ");";
    if (oneLine.length() <= WIDTH) {
      return oneLine + "\n";
    }
    return head + "\n" + indent + "    " + literal + ");\n";
  }
}
