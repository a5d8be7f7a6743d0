package org.cnngrader.template;

import java.util.Set;
import javax.lang.model.SourceVersion;

/**
 * The names a description gives to classes, records, methods and parameters, checked before they
 * become source: a name that would not compile is refused with the layer's id and where it is.
 */
final class JavaNames {

  /**
   * Names Java forbids for a type (restricted identifiers) or that the template's own code uses
   * unqualified: a class of that name in the package would stand for it.
   */
  private static final Set<String> NO_TYPE_NAMES =
      Set.of("var", "yield", "record", "UnsupportedOperationException", "Object");

  /**
   * Names of Object's methods: a step's method of that name would override or clash with one, and a
   * record may not have a component of such a name.
   */
  private static final Set<String> OBJECT_METHODS =
      Set.of(
          "clone",
          "equals",
          "finalize",
          "getClass",
          "hashCode",
          "notify",
          "notifyAll",
          "toString",
          "wait");

  private JavaNames() {}

  /** A variable's name: an identifier, not a keyword. */
  static String variable(String layer, String where, String name) {
    if (name == null || !SourceVersion.isIdentifier(name) || SourceVersion.isKeyword(name)) {
      throw refused(layer, where, name, "a Java name");
    }
    return name;
  }

  /** A method's or a record component's name: a variable's, and none of Object's methods. */
  static String member(String layer, String where, String name) {
    variable(layer, where, name);
    if (OBJECT_METHODS.contains(name)) {
      throw refused(layer, where, name, "a name that is not one of Object's methods");
    }
    return name;
  }

  /** A top-level type's simple name. */
  static String type(String layer, String where, String name) {
    variable(layer, where, name);
    if (NO_TYPE_NAMES.contains(name)) {
      throw refused(layer, where, name, "a name Java allows for a class here");
    }
    return name;
  }

  /** A package's name: empty, or identifiers joined by dots. */
  static String packageName(String layer, String where, String name) {
    if (!name.isEmpty() && !SourceVersion.isName(name)) {
      throw refused(layer, where, name, "a Java package name");
    }
    return name;
  }

  private static TemplateException refused(String layer, String where, String name, String what) {
    return new TemplateException(
        layer + ": " + where + " must be " + what + ", found \"" + name + "\"");
  }
}
