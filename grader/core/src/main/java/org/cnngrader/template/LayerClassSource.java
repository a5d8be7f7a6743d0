package org.cnngrader.template;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.cnngrader.layer.Layer;
import org.cnngrader.layer.ParamSpec;
import org.cnngrader.layer.TensorSpec;
import org.cnngrader.runner.Argument;
import org.cnngrader.runner.LayerContract;
import org.cnngrader.runner.Result;
import org.cnngrader.runner.Step;

/**
 * The student's class of one layer, from its description alone: the constructor and one method per
 * distinct signature its steps call (a batch normalization's train-mode and test-mode steps call
 * the same forward), each method a stub, and Javadoc in the description's words: the summary, the
 * shapes, the output sizes, each argument, what each method returns and what must be called first.
 */
final class LayerClassSource {

  private final Layer layer;
  private final LayerContract contract;
  private final String packageName;
  private final String simpleName;

  LayerClassSource(Layer layer) {
    this.layer = layer;
    this.contract = layer.contract();
    String className = contract.className();
    int dot = className.lastIndexOf('.');
    this.packageName =
        JavaNames.packageName(
            layer.id(), "the class's package", dot < 0 ? "" : className.substring(0, dot));
    this.simpleName = JavaNames.type(layer.id(), "the class's name", className.substring(dot + 1));
  }

  String className() {
    return contract.className();
  }

  /**
   * The class's source; the records its methods return are noted in {@code records}.
   *
   * @throws TemplateException naming what no Java source can follow
   */
  JavaSource source(TemplateRecords records) {
    StringBuilder text = new StringBuilder();
    if (!packageName.isEmpty()) {
      text.append("package ").append(packageName).append(";\n\n");
    }
    text.append(classDoc().render());
    text.append("public class ").append(simpleName).append(" {\n");
    text.append('\n').append(constructor(records));
    for (List<Step> steps : methods().values()) {
      text.append('\n').append(method(steps, records));
    }
    text.append("}\n");
    return new JavaSource(packageName, simpleName, text.toString());
  }

  private Javadoc classDoc() {
    Javadoc doc = new Javadoc("").paragraph(Javadoc.text(layer.summary()));
    List<String> shapes = new ArrayList<>();
    for (TensorSpec tensor : layer.inputs()) {
      shapes.add(key(tensor.key()) + ": " + Javadoc.text(tensor.shapeInWords()));
    }
    for (TensorSpec tensor : layer.outputs()) {
      shapes.add(key(tensor.key()) + ": " + Javadoc.text(tensor.shapeInWords()));
    }
    doc.heading("Shapes").list(shapes);
    if (!layer.sizeFormulas().isEmpty()) {
      doc.heading("Output size")
          .preformatted(layer.sizeFormulas().stream().map(Javadoc::text).toList());
    }
    return doc.paragraph(
        "Do not change the constructor's or the methods' signatures: the grader calls exactly"
            + " these.");
  }

  private String constructor(TemplateRecords records) {
    Javadoc doc = new Javadoc("  ").paragraph("The grader makes one for each case.");
    List<String> params = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (Argument argument : contract.constructor()) {
      params.add(parameter(argument, names, "the constructor"));
      doc.tag("param " + argument.name(), argument(argument, null, records));
    }
    String head = "  public " + simpleName;
    if (params.isEmpty()) {
      return doc.render() + head + "() {}\n";
    }
    return doc.render()
        + JavaLines.declaration("  ", "public " + simpleName, params, " {")
        + "    // Keep what the methods need.\n"
        + "  }\n";
  }

  /**
   * The steps by the method they call, in the order of each method's first step; steps that call a
   * method with the same parameter types call the same method.
   */
  private Map<String, List<Step>> methods() {
    Map<String, List<Step>> methods = new LinkedHashMap<>();
    for (Step step : contract.steps()) {
      JavaNames.member(layer.id(), "step " + step.key() + "'s method", step.method());
      String erased =
          step.method() + step.arguments().stream().map(LayerClassSource::parameterType).toList();
      List<Step> same = methods.computeIfAbsent(erased, k -> new ArrayList<>());
      if (!same.isEmpty() && !same.get(0).result().javaType().equals(step.result().javaType())) {
        throw new TemplateException(
            layer.id()
                + ": steps "
                + same.get(0).key()
                + " and "
                + step.key()
                + " call the same method "
                + step.method()
                + " but return "
                + same.get(0).result().javaType()
                + " and "
                + step.result().javaType());
      }
      same.add(step);
    }
    return methods;
  }

  private String method(List<Step> steps, TemplateRecords records) {
    Step first = steps.get(0);
    Javadoc doc = new Javadoc("  ");
    doc.paragraph(
        String.join(
            " ",
            steps.stream().map(s -> Javadoc.text(layer.stepDoc(s.key()))).distinct().toList()));
    List<String> before =
        steps.stream()
            .flatMap(s -> s.after().stream())
            .map(key -> contract.stepOf(key).method())
            .filter(method -> !method.equals(first.method()))
            .distinct()
            .map(method -> "{@link #" + method + "}")
            .toList();
    if (!before.isEmpty()) {
      doc.paragraph("Called after " + String.join(" and ", before) + ".");
    }
    List<String> params = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (int i = 0; i < first.arguments().size(); i++) {
      Argument argument = first.arguments().get(i);
      params.add(parameter(argument, names, "method " + first.method()));
      int at = i;
      List<Argument> passed = steps.stream().map(s -> s.arguments().get(at)).toList();
      doc.tag(
          "param " + argument.name(),
          passed.stream().allMatch(Argument::isConstant)
              ? "the grader passes "
                  + String.join(
                      " or ",
                      passed.stream()
                          .map(a -> Javadoc.text(String.valueOf(a.constant())))
                          .distinct()
                          .toList())
              : joined(
                  steps.stream().map(s -> argument(s.arguments().get(at), s, records)).toList()));
    }
    doc.tag("return", joined(steps.stream().map(s -> returned(s, records)).toList()));
    return doc.render()
        + JavaLines.declaration(
            "  ", "public " + first.result().javaType() + " " + first.method(), params, " {")
        + JavaLines.throwing("    ", StudentTemplate.stubMessage(simpleName, first.method()))
        + "  }\n";
  }

  /** {@code double[][] x}, its name checked and not taken by an earlier parameter. */
  private String parameter(Argument argument, List<String> names, String where) {
    String name = JavaNames.variable(layer.id(), where + "'s parameter", argument.name());
    if (names.contains(name)) {
      throw new TemplateException(layer.id() + ": " + where + " has two parameters named " + name);
    }
    names.add(name);
    return argument.declaration();
  }

  /** The parameter's type as Java writes it: what its declaration has before the name. */
  private static String parameterType(Argument argument) {
    String declaration = argument.declaration();
    return declaration.substring(0, declaration.lastIndexOf(' '));
  }

  /**
   * What the argument passes, in words; {@code step} is null for the constructor's. A record it
   * passes is noted in {@code records}.
   */
  private String argument(Argument argument, Step step, TemplateRecords records) {
    String key = argument.key();
    return switch (argument.source()) {
      case RECORD ->
          recordArgument(
              argument,
              step == null
                  ? "the constructor of {@link " + simpleName + "}"
                  : "{@link " + simpleName + "#" + step.method() + "}",
              records);
      case VALUE -> renamed(argument, valueWords(key));
      case CONSTANT -> "the grader passes " + Javadoc.text(String.valueOf(argument.constant()));
      case SLICES ->
          "one slice along the first axis of "
              + key(key)
              + valueWords(key).map(words -> " (" + words + ")").orElse("")
              + "; the grader calls "
              + (step == null ? "it" : Javadoc.code(step.method()))
              + " once per slice, in order";
      case SIZE ->
          "the size of "
              + key(key)
              + " along axis "
              + argument.axis()
              + input(key)
                  .flatMap(t -> dimension(t, argument.axis()))
                  .map(d -> ", " + Javadoc.text(d))
                  .orElse("");
    };
  }

  /** The words of the case's value {@code key}, with the key when the argument's name differs. */
  private static String renamed(Argument argument, Optional<String> words) {
    if (argument.name().equals(argument.key())) {
      return words.orElse(key(argument.key()));
    }
    return key(argument.key()) + words.map(w -> ", " + w).orElse("");
  }

  /** The input's shape in words, or the parameter's words. */
  private Optional<String> valueWords(String key) {
    Optional<TensorSpec> input = input(key);
    if (input.isPresent()) {
      return Optional.of(Javadoc.text(input.get().shapeInWords()));
    }
    return layer.params().stream()
        .map(ParamSpec::key)
        .filter(key::equals)
        .findFirst()
        .map(k -> Javadoc.text(layer.paramWords(k)));
  }

  private String returned(Step step, TemplateRecords records) {
    Result result = step.result();
    if (result instanceof Result.RecordOf record) {
      String className = recordClass(record.typeName(), "step " + step.key() + "'s record");
      List<TemplateRecords.Component> components = new ArrayList<>();
      List<String> parts = new ArrayList<>();
      for (Result.Output output : record.outputs()) {
        String accessor =
            JavaNames.member(layer.id(), record.typeName() + "'s component", output.accessor());
        String words = outputWords(output.key()).orElse("");
        components.add(new TemplateRecords.Component(accessor, output.type().javaName(), words));
        parts.add(
            Javadoc.code(accessor)
                + (output.key().equals(accessor) ? "" : " (" + key(output.key()) + ")")
                + (words.isEmpty() ? "" : ", " + words));
      }
      records.add(
          layer.id(),
          className,
          components,
          new TemplateRecords.Use(
              "returned by", "{@link " + simpleName + "#" + step.method() + "}"));
      return "{@link " + record.typeName() + "}: " + String.join("; ", parts);
    }
    Result.Output output = result.outputs().get(0);
    return key(output.key()) + outputWords(output.key()).map(words -> ", " + words).orElse("");
  }

  /** The record's binary name, in the class's package; checked to be a name it may have. */
  private String recordClass(String typeName, String where) {
    JavaNames.type(layer.id(), where, typeName);
    String className = packageName.isEmpty() ? typeName : packageName + "." + typeName;
    if (className.equals(contract.className())) {
      throw new TemplateException(layer.id() + ": " + where + " has the class's own name");
    }
    return className;
  }

  /**
   * A record argument: its components in words, each an input's shape; the record is noted in
   * {@code records} as passed to {@code member}.
   */
  private String recordArgument(Argument argument, String member, TemplateRecords records) {
    String where = "argument " + argument.name() + "'s record";
    String className = recordClass(argument.recordType(), where);
    List<TemplateRecords.Component> components = new ArrayList<>();
    List<String> parts = new ArrayList<>();
    for (Argument component : argument.components()) {
      String name =
          JavaNames.member(layer.id(), argument.recordType() + "'s component", component.name());
      String words = valueWords(component.key()).orElse("");
      components.add(new TemplateRecords.Component(name, component.javaName(), words));
      parts.add(
          Javadoc.code(name)
              + (component.key().equals(name) ? "" : " (" + key(component.key()) + ")")
              + (words.isEmpty() ? "" : ", " + words));
    }
    records.add(
        layer.id(),
        className,
        components,
        new TemplateRecords.Use("passed as " + Javadoc.code(argument.name()) + " to", member));
    return "{@link " + argument.recordType() + "}: " + String.join("; ", parts);
  }

  private Optional<String> outputWords(String key) {
    return layer.outputs().stream()
        .filter(t -> t.key().equals(key))
        .findFirst()
        .map(t -> Javadoc.text(t.shapeInWords()));
  }

  private Optional<TensorSpec> input(String key) {
    return layer.inputs().stream().filter(t -> t.key().equals(key)).findFirst();
  }

  /**
   * The name of an axis, when the shape's words start with its dimensions: {@code C} for axis 2 of
   * {@code [T, N, C, H, W]: T batches}.
   */
  private static Optional<String> dimension(TensorSpec tensor, int axis) {
    String words = tensor.shapeInWords();
    int end = words.indexOf(']');
    if (!words.startsWith("[") || end < 0) {
      return Optional.empty();
    }
    List<String> dims = List.of(words.substring(1, end).split(",", -1));
    return dims.size() == tensor.rank() && axis < dims.size()
        ? Optional.of(dims.get(axis).strip())
        : Optional.empty();
  }

  /** A case's key in code font when it reads as a name, else as text. */
  private static String key(String key) {
    return key != null && key.matches("[A-Za-z_][A-Za-z0-9_]*")
        ? Javadoc.code(key)
        : Javadoc.text(String.valueOf(key));
  }

  /** The distinct descriptions of what several steps pass or return, "; or " between them. */
  private static String joined(List<String> descriptions) {
    return String.join("; or ", descriptions.stream().distinct().toList());
  }
}
