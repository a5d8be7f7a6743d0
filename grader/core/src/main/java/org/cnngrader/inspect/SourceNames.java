package org.cnngrader.inspect;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns the JVM's names of methods back into what the student wrote. */
final class SourceNames {

  /** javac names a lambda's body {@code lambda$<enclosing method>$<index>}. */
  private static final Pattern LAMBDA = Pattern.compile("lambda\\$(.+)\\$\\d+");

  private SourceNames() {}

  /** The suffix that follows the class name: {@code .forward}, {@code (constructor)}. */
  static String method(String methodName) {
    Matcher lambda = LAMBDA.matcher(methodName);
    if (lambda.matches()) {
      // javac calls the enclosing constructor "new" and the static initializer "static" here.
      String enclosing =
          switch (lambda.group(1)) {
            case "new" -> "<init>";
            case "static" -> "<clinit>";
            default -> lambda.group(1);
          };
      return withNote(method(enclosing), "in a lambda");
    }
    return switch (methodName) {
      case "<init>" -> " (constructor)";
      case "<clinit>" -> " (static initializer)";
      default -> "." + methodName;
    };
  }

  private static String withNote(String method, String note) {
    return method.endsWith(")")
        ? method.substring(0, method.length() - 1) + ", " + note + ")"
        : method + " (" + note + ")";
  }
}
