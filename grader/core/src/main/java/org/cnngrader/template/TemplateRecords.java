package org.cnngrader.template;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The records the template's classes return or take, each declared once however many methods and
 * layers name it ({@code NormGradients} is both normalizations' backward's), with what each
 * component holds in the words of the first that names it. Two uses that disagree on the components
 * are refused: one file cannot declare both.
 */
final class TemplateRecords {

  /** One component: its name (the accessor), its type as Java writes it, and its words. */
  record Component(String name, String javaType, String words) {}

  /**
   * Where a record is named, in Javadoc text: {@code how} ("returned by", "passed as p to") and the
   * member ("{@link Affine#backward}").
   */
  record Use(String how, String member) {}

  private static final class Declared {
    final String layer;
    final List<Component> components;
    final List<Use> uses = new ArrayList<>();

    Declared(String layer, List<Component> components) {
      this.layer = layer;
      this.components = components;
    }
  }

  private final Map<String, Declared> byClassName = new LinkedHashMap<>();

  /**
   * Notes that {@code use} names the record {@code className} with these components.
   *
   * @throws TemplateException when an earlier use gave it other components
   */
  void add(String layer, String className, List<Component> components, Use use) {
    Declared declared = byClassName.get(className);
    if (declared == null) {
      declared = new Declared(layer, List.copyOf(components));
      byClassName.put(className, declared);
    } else if (!signature(declared.components).equals(signature(components))) {
      throw new TemplateException(
          layer
              + ": record "
              + className
              + " would be "
              + signature(components)
              + ", but "
              + declared.layer
              + " declares it "
              + signature(declared.components));
    }
    if (!declared.uses.contains(use)) {
      declared.uses.add(use);
    }
  }

  boolean declares(String className) {
    return byClassName.containsKey(className);
  }

  /** Each record's source, in the order they were first named. */
  List<JavaSource> sources() {
    List<JavaSource> sources = new ArrayList<>();
    byClassName.forEach((className, declared) -> sources.add(source(className, declared)));
    return sources;
  }

  private static JavaSource source(String className, Declared declared) {
    int dot = className.lastIndexOf('.');
    String packageName = dot < 0 ? "" : className.substring(0, dot);
    String simpleName = className.substring(dot + 1);
    Javadoc doc = new Javadoc("");
    String uses = uses(declared.uses);
    doc.paragraph(Character.toUpperCase(uses.charAt(0)) + uses.substring(1) + ".");
    for (Component component : declared.components) {
      doc.tag(
          "param " + component.name(),
          component.words().isEmpty() ? Javadoc.code(component.name()) : component.words());
    }
    StringBuilder text = new StringBuilder();
    if (!packageName.isEmpty()) {
      text.append("package ").append(packageName).append(";\n\n");
    }
    text.append(doc.render());
    text.append(
        JavaLines.declaration(
            "",
            "public record " + simpleName,
            declared.components.stream().map(c -> c.javaType() + " " + c.name()).toList(),
            " {}"));
    return new JavaSource(packageName, simpleName, text.toString());
  }

  /** "returned by {@link A#backward} and {@link B#backward}; passed as {@code p} to ...". */
  private static String uses(List<Use> uses) {
    Map<String, List<String>> byHow = new LinkedHashMap<>();
    uses.forEach(use -> byHow.computeIfAbsent(use.how(), k -> new ArrayList<>()).add(use.member()));
    return byHow.entrySet().stream()
        .map(e -> e.getKey() + " " + String.join(" and ", e.getValue()))
        .collect(Collectors.joining("; "));
  }

  /** "(double[][] dx, double[] db)". */
  private static String signature(List<Component> components) {
    return components.stream()
        .map(c -> c.javaType() + " " + c.name())
        .collect(Collectors.joining(", ", "(", ")"));
  }
}
