package org.cnngrader.template;

/**
 * A Java source file of the template: the package ({@code cnn}, or empty for the unnamed package),
 * the simple name of its one top-level type, and its text.
 */
public record JavaSource(String packageName, String simpleName, String text) {

  public JavaSource {
    if (packageName == null || simpleName == null || simpleName.isBlank() || text == null) {
      throw new IllegalArgumentException("a source file needs a package, a name and a text");
    }
  }

  /** Where javac and Maven expect it, below the source root: {@code cnn/Affine.java}. */
  public String path() {
    return (packageName.isEmpty() ? "" : packageName.replace('.', '/') + "/")
        + simpleName
        + ".java";
  }

  /** {@code cnn.Affine}. */
  public String className() {
    return packageName.isEmpty() ? simpleName : packageName + "." + simpleName;
  }
}
