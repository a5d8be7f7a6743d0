package org.cnngrader.inspect;

import java.util.Comparator;
import java.util.Objects;
import org.cnngrader.runner.Excerpt;

/**
 * One use of a flagged member in a submission's bytecode.
 *
 * @param kind what the use is
 * @param className the class that makes it, dotted as in {@code cnn.Conv2d} ({@code $} for nested
 *     classes)
 * @param methodName the method as compiled: {@code <init>} for a constructor, {@code <clinit>} for
 *     a static initializer, {@code lambda$forward$0} for a lambda's body
 * @param line the source line, or {@link #UNKNOWN_LINE} when the class has no line numbers
 * @param member the member used, e.g. {@code java.lang.System.exit} or {@code new java.io.File}
 */
public record Finding(
    FindingKind kind, String className, String methodName, int line, String member)
    implements Comparable<Finding> {

  /** The line of a finding in a class compiled without line numbers. */
  public static final int UNKNOWN_LINE = -1;

  /** The report order: by class, line, method and member. */
  private static final Comparator<Finding> ORDER =
      Comparator.comparing(Finding::className)
          .thenComparingInt(Finding::line)
          .thenComparing(Finding::methodName)
          .thenComparing(Finding::member)
          .thenComparing(Finding::kind);

  public Finding {
    Objects.requireNonNull(kind, "kind");
    requireText(className, "className");
    requireText(methodName, "methodName");
    requireText(member, "member");
    if (line < 1 && line != UNKNOWN_LINE) {
      throw new IllegalArgumentException("line must be positive or UNKNOWN_LINE, found " + line);
    }
    // Names of the submission's choosing, which every report of the finding quotes.
    className = Excerpt.cut(className, Excerpt.NAME);
    methodName = Excerpt.cut(methodName, Excerpt.NAME);
    member = Excerpt.cut(member, Excerpt.NAME);
  }

  /**
   * Where the use is, as a student would look for it: {@code cnn.Conv2d.forward, line 12}, {@code
   * cnn.Conv2d (constructor), line 5} or {@code cnn.Conv2d.forward (in a lambda), line 14}.
   */
  public String where() {
    String place = className + SourceNames.method(methodName);
    return line == UNKNOWN_LINE ? place : place + ", line " + line;
  }

  /**
   * The finding in one line for students: {@code cnn.Conv2d.forward, line 12: uses
   * java.lang.System.exit, which ends the JVM}.
   */
  public String describe() {
    return where() + ": uses " + member + ", which " + kind.description();
  }

  @Override
  public int compareTo(Finding other) {
    return ORDER.compare(this, other);
  }

  private static void requireText(String value, String name) {
    Objects.requireNonNull(value, name);
    if (value.isBlank()) {
      throw new IllegalArgumentException(name + " must not be blank");
    }
  }
}
