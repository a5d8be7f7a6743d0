package org.cnngrader.layers.described;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.cnngrader.layer.InvalidCase;
import org.cnngrader.layer.LayerTolerance;
import org.cnngrader.layer.ParamSpec;
import org.cnngrader.layer.Params;
import org.cnngrader.layer.Part;
import org.cnngrader.runner.Argument;
import org.cnngrader.runner.Backprop;
import org.cnngrader.runner.LayerContract;
import org.cnngrader.runner.Result;
import org.cnngrader.runner.Step;
import org.cnngrader.runner.ValueType;

/**
 * Reads a layer description file, {@code <root>/<id>/layer.json} (format v1, see docs/layers.md and
 * fixtures/layer.schema.json), into a {@link FileLayer}. Every field is checked as it is read, and
 * a wrong one is refused with a {@link LayerFileException} naming the file and the field's path:
 * {@code fixtures/affine/layer.json: steps[1].returns.components[0].output: no output dw2 among
 * out, dx, dw, db}.
 */
public final class LayerFile {

  /** The description's name in its layer's folder. */
  public static final String FILE = "layer.json";

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String KEY = "[a-z][a-z0-9_]*";
  private static final String JAVA_NAME = "[A-Za-z_][A-Za-z0-9_]*";
  private static final String CLASS_NAME = JAVA_NAME + "(\\." + JAVA_NAME + ")*";
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^}]*)\\}");

  private final Map<String, ParamSpec> params = new LinkedHashMap<>();
  private final Map<String, DescribedTensor> inputs = new LinkedHashMap<>();
  private final Map<String, DescribedTensor> outputs = new LinkedHashMap<>();
  private final Set<String> symbols = new LinkedHashSet<>();

  private LayerFile() {}

  /**
   * Reads {@code file}, the {@code layer.json} of the folder named by the layer's id.
   *
   * @throws LayerFileException naming the file and the field when it cannot be read or is wrong
   */
  public static FileLayer read(Path file) {
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw new LayerFileException(file.toString(), null, "cannot be read: " + e.getMessage(), e);
    }
    Path folder = file.toAbsolutePath().getParent();
    String folderName = folder == null ? null : String.valueOf(folder.getFileName());
    try {
      return new LayerFile().parse(file, text, folderName);
    } catch (LayerFileException e) {
      throw e.inFile(file.toString());
    }
  }

  private FileLayer parse(Path file, String text, String folderName) {
    JsonNode tree;
    try {
      tree = MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      throw new LayerFileException(
          "JSON",
          "line "
              + e.getLocation().getLineNr()
              + ", column "
              + e.getLocation().getColumnNr()
              + ": "
              + e.getOriginalMessage());
    }
    if (tree == null) {
      throw new LayerFileException("JSON", "is empty");
    }
    JsonField root =
        new JsonField(tree, "")
            .object(
                "$schema",
                "id",
                "class",
                "title",
                "summary",
                "params",
                "inputs",
                "outputs",
                "constructor",
                "steps",
                "gradients",
                "parts",
                "tolerance",
                "mistakes",
                "gradient_check");
    String id =
        root.get("id").text(KEY, "lower case letters, digits and '_', starting with a letter");
    if (folderName != null && !folderName.equals(id)) {
      throw new LayerFileException(
          "id", "must be the folder's name, " + folderName + ", found \"" + id + "\"");
    }
    String className = root.get("class").text(CLASS_NAME, "a binary class name such as cnn.Affine");
    String title = root.optionalText("title");
    String summary = root.text("summary");
    Map<String, String> paramWords = readParams(optionalList(root, "params"));
    readTensors(root.get("inputs"), inputs, true);
    readTensors(root.get("outputs"), outputs, false);
    checkInputExpressions(root.get("inputs"));
    List<Argument> constructor = new ArrayList<>();
    for (JsonField argument : optionalList(root, "constructor").items()) {
      constructor.add(constructorArgument(argument));
    }
    Map<String, String> stepDocs = new LinkedHashMap<>();
    List<Step> steps = readSteps(root.get("steps"), stepDocs);
    Backprop backprop = root.has("gradients") ? backprop(root.get("gradients"), steps) : null;
    List<Part> parts = readParts(root.get("parts"));
    LayerTolerance tolerance = tolerance(root.get("tolerance"));
    List<FileMistake> mistakes =
        root.has("mistakes") ? readMistakes(root.get("mistakes")) : List.of();
    FileLayer.GradientCheckCase gradientCheck = null;
    if (root.has("gradient_check")) {
      gradientCheck = gradientCheck(root.get("gradient_check"));
    } else if (backprop != null) {
      throw new LayerFileException(
          "gradient_check",
          "is missing: a layer with gradients needs the small case to check them");
    }
    checkPassed(constructor, steps);
    LayerContract contract;
    try {
      contract = new LayerContract(className, constructor, steps, backprop);
    } catch (IllegalArgumentException e) {
      throw new LayerFileException("steps", e.getMessage());
    }
    try {
      return new FileLayer(
          file,
          id,
          contract,
          List.copyOf(params.values()),
          List.copyOf(inputs.values()),
          List.copyOf(outputs.values()),
          parts,
          mistakes,
          tolerance,
          gradientCheck,
          new FileLayer.Words(title, summary, stepDocs, paramWords));
    } catch (IllegalStateException | IllegalArgumentException e) {
      throw new LayerFileException(null, e.getMessage());
    }
  }

  /** A list the file may leave out when it is empty: a layer without parameters, say. */
  private static JsonField optionalList(JsonField parent, String name) {
    return parent.has(name) ? parent.get(name) : new JsonField(MAPPER.createArrayNode(), name);
  }

  private Map<String, String> readParams(JsonField list) {
    Map<String, String> words = new LinkedHashMap<>();
    for (JsonField param : list.items()) {
      param.object("key", "type", "minimum", "maximum", "words");
      String key = param.get("key").text(KEY, "lower case letters, digits and '_'");
      requireNew(param.get("key"), key);
      JsonField typeField = param.get("type");
      ValueType type =
          switch (typeField.text()) {
            case "int" -> ValueType.INT;
            case "long" -> ValueType.LONG;
            case "double" -> ValueType.DOUBLE;
            case "boolean" -> ValueType.BOOLEAN;
            default ->
                throw typeField.refused(
                    "must be int, long, double or boolean, found \"" + typeField.text() + "\"");
          };
      double minimum =
          param.has("minimum") ? param.get("minimum").number() : Double.NEGATIVE_INFINITY;
      double maximum =
          param.has("maximum") ? param.get("maximum").number() : Double.POSITIVE_INFINITY;
      if (type == ValueType.BOOLEAN && (param.has("minimum") || param.has("maximum"))) {
        throw param.refused("a boolean has no minimum or maximum");
      }
      if (minimum > maximum) {
        throw param.get("maximum").refused("must be at least the minimum, " + minimum);
      }
      params.put(key, new ParamSpec(key, type, minimum, maximum));
      if (param.has("words")) {
        words.put(key, param.text("words"));
      }
    }
    return words;
  }

  private void requireNew(JsonField field, String key) {
    if (params.containsKey(key) || inputs.containsKey(key) || outputs.containsKey(key)) {
      throw field.refused("\"" + key + "\" names a parameter or tensor already; keys are unique");
    }
  }

  private void readTensors(JsonField list, Map<String, DescribedTensor> into, boolean areInputs) {
    for (JsonField tensor : list.items()) {
      if (areInputs) {
        tensor.object("key", "type", "dims", "words", "range");
      } else {
        tensor.object("key", "type", "dims", "words");
      }
      String key = tensor.get("key").text(KEY, "lower case letters, digits and '_'");
      requireNew(tensor.get("key"), key);
      JsonField dimsField = tensor.get("dims");
      List<Dim> dims = new ArrayList<>();
      for (JsonField dim : dimsField.items()) {
        dims.add(dim(dim));
      }
      if (dims.size() > ValueType.MAX_RANK) {
        throw dimsField.refused("a tensor has at most " + ValueType.MAX_RANK + " dimensions");
      }
      JsonField typeField = tensor.get("type");
      String element = typeField.text();
      ValueType type;
      switch (element) {
        case "double" -> type = dims.isEmpty() ? ValueType.DOUBLE : ValueType.tensor(dims.size());
        case "float" -> {
          if (dims.isEmpty()) {
            throw dimsField.refused("a scalar is a double; a float tensor has 1 to 5 dimensions");
          }
          type = ValueType.tensor(float.class, dims.size());
        }
        case "int" -> {
          if (dims.size() != 1) {
            throw dimsField.refused("an int tensor (class labels, int[]) has one dimension");
          }
          type = ValueType.INTS1;
        }
        default ->
            throw typeField.refused("must be double, float or int, found \"" + element + "\"");
      }
      DescribedTensor.Range range = null;
      if (tensor.has("range")) {
        if (type != ValueType.INTS1) {
          throw tensor.get("range").refused("only an int tensor has a range");
        }
        List<JsonField> ends = tensor.get("range").items();
        if (ends.size() != 2) {
          throw tensor.get("range").refused("must be [lowest, highest], both included");
        }
        range = new DescribedTensor.Range(expression(ends.get(0)), expression(ends.get(1)));
      } else if (type == ValueType.INTS1 && areInputs) {
        throw tensor.refused(
            key + " is an int tensor: it needs its range, e.g. [\"0\", \"M - 1\"]");
      }
      if (areInputs) {
        for (Dim dim : dims) {
          if (dim.symbol() != null && !params.containsKey(dim.symbol())) {
            symbols.add(dim.symbol());
          }
        }
      } else {
        for (int i = 0; i < dims.size(); i++) {
          requireKnown(dimsField.items().get(i), dims.get(i).size());
        }
      }
      into.put(key, new DescribedTensor(key, type, dims, tensor.optionalText("words"), range));
    }
  }

  /**
   * Inputs' expressions and ranges may name any input's symbols, which are known once all are read.
   */
  private void checkInputExpressions(JsonField list) {
    List<JsonField> items = list.items();
    int i = 0;
    for (DescribedTensor input : inputs.values()) {
      JsonField tensor = items.get(i++);
      List<JsonField> dims = tensor.get("dims").items();
      for (int axis = 0; axis < dims.size(); axis++) {
        requireKnown(dims.get(axis), input.dims().get(axis).size());
      }
      if (input.range() != null) {
        List<JsonField> ends = tensor.get("range").items();
        requireKnown(ends.get(0), input.range().low());
        requireKnown(ends.get(1), input.range().high());
      }
    }
  }

  private void requireKnown(JsonField field, DimExpression expression) {
    JsonField at = field.node().isObject() ? field.get("size") : field;
    for (String symbol : expression.symbols()) {
      ParamSpec param = params.get(symbol);
      if (param != null && param.type() != ValueType.INT && param.type() != ValueType.LONG) {
        throw at.refused(
            symbol
                + " is a "
                + param.type().javaName()
                + " parameter; sizes take int and long ones");
      }
      if (param == null && !symbols.contains(symbol)) {
        throw at.refused(
            symbol
                + " is neither a size the inputs bind ("
                + String.join(", ", symbols)
                + ") nor an int parameter");
      }
    }
  }

  private Dim dim(JsonField field) {
    if (field.node().isTextual()) {
      return Dim.of(expression(field));
    }
    field.object("name", "size", "words");
    return new Dim(field.text("name"), expression(field.get("size")), field.optionalText("words"));
  }

  private static DimExpression expression(JsonField field) {
    String text = field.node().isInt() ? field.node().asText() : field.text();
    try {
      return DimExpression.parse(text);
    } catch (IllegalArgumentException e) {
      throw field.refused(e.getMessage());
    }
  }

  private Argument constructorArgument(JsonField argument) {
    argument.object("name", "param", "size_of", "axis");
    String name = argument.get("name").text(JAVA_NAME, "a Java parameter name");
    if (argument.has("param")) {
      return Argument.value(name, param(argument.get("param")).type(), argument.text("param"));
    }
    if (argument.has("size_of")) {
      JsonField of = argument.get("size_of");
      DescribedTensor input = input(of);
      int axis = argument.get("axis").integer();
      if (axis < 0 || axis >= input.dims().size()) {
        throw argument
            .get("axis")
            .refused(
                input.key() + " has axes 0 to " + (input.dims().size() - 1) + ", found " + axis);
      }
      return Argument.sizeOf(name, input.key(), axis);
    }
    throw argument.refused("needs \"param\" or \"size_of\" with \"axis\"");
  }

  private ParamSpec param(JsonField field) {
    ParamSpec spec = params.get(field.text());
    if (spec == null) {
      throw field.refused("no parameter " + field.text() + " among " + keys(params.keySet()));
    }
    return spec;
  }

  private DescribedTensor input(JsonField field) {
    DescribedTensor input = inputs.get(field.text());
    if (input == null) {
      throw field.refused("no input " + field.text() + " among " + keys(inputs.keySet()));
    }
    return input;
  }

  private DescribedTensor output(JsonField field) {
    DescribedTensor output = outputs.get(field.text());
    if (output == null) {
      throw field.refused("no output " + field.text() + " among " + keys(outputs.keySet()));
    }
    return output;
  }

  private static String keys(Set<String> keys) {
    return keys.isEmpty() ? "none" : String.join(", ", keys);
  }

  private List<Step> readSteps(JsonField list, Map<String, String> docs) {
    List<Step> steps = new ArrayList<>();
    Map<String, String> returnedBy = new LinkedHashMap<>();
    for (JsonField step : list.items()) {
      step.object("key", "method", "args", "returns", "after", "doc");
      String key = step.get("key").text(KEY, "lower case letters, digits and '_'");
      if (steps.stream().anyMatch(s -> s.key().equals(key))) {
        throw step.get("key").refused("step " + key + " is there twice");
      }
      String method = step.get("method").text(JAVA_NAME, "a Java method name");
      List<Argument> arguments = new ArrayList<>();
      for (JsonField argument : step.get("args").items()) {
        arguments.add(stepArgument(argument));
      }
      Result result = result(step.get("returns"));
      for (Result.Output output : result.outputs()) {
        String before = returnedBy.put(output.key(), key);
        if (before != null) {
          throw step.get("returns")
              .refused(output.key() + " is returned by step " + before + " already");
        }
      }
      List<String> after = new ArrayList<>();
      if (step.has("after")) {
        for (JsonField before : step.get("after").items()) {
          if (steps.stream().noneMatch(s -> s.key().equals(before.text()))) {
            throw before.refused(
                "no step "
                    + before.text()
                    + " before this one among "
                    + keys(
                        steps.stream()
                            .map(Step::key)
                            .collect(Collectors.toCollection(LinkedHashSet::new))));
          }
          after.add(before.text());
        }
      }
      if (step.has("doc")) {
        docs.put(key, step.text("doc"));
      }
      steps.add(new Step(key, method, arguments, result, after));
    }
    if (steps.isEmpty()) {
      throw list.refused("must list at least one step");
    }
    for (DescribedTensor output : outputs.values()) {
      if (!returnedBy.containsKey(output.key())) {
        throw new LayerFileException("outputs", output.key() + " is returned by no step");
      }
    }
    return steps;
  }

  private Argument stepArgument(JsonField argument) {
    argument.object(
        "name", "input", "param", "constant", "type", "record", "components", "slices_of");
    String name = argument.get("name").text(JAVA_NAME, "a Java parameter name");
    List<String> sources =
        List.of("input", "param", "constant", "record", "slices_of").stream()
            .filter(argument::has)
            .toList();
    if (sources.size() != 1) {
      throw argument.refused(
          "takes its value from exactly one of input, param, constant, record, slices_of; found "
              + (sources.isEmpty() ? "none" : String.join(", ", sources)));
    }
    return switch (sources.get(0)) {
      case "input" ->
          Argument.value(name, input(argument.get("input")).type(), argument.text("input"));
      case "param" ->
          Argument.value(name, param(argument.get("param")).type(), argument.text("param"));
      case "constant" -> constant(name, argument);
      case "record" -> record(name, argument);
      default -> {
        DescribedTensor sliced = input(argument.get("slices_of"));
        if (sliced.dims().size() < 2) {
          throw argument
              .get("slices_of")
              .refused(
                  sliced.key()
                      + " has "
                      + sliced.dims().size()
                      + " dimension(s); slices need 2 or more");
        }
        yield Argument.eachSliceOf(
            name, sliced.type().withRank(sliced.dims().size() - 1), sliced.key());
      }
    };
  }

  private static Argument constant(String name, JsonField argument) {
    JsonField value = argument.get("constant");
    JsonField typeField = argument.get("type");
    return switch (typeField.text()) {
      case "boolean" -> Argument.constant(name, ValueType.BOOLEAN, value.bool());
      case "int" -> Argument.constant(name, ValueType.INT, value.integer());
      case "long" -> Argument.constant(name, ValueType.LONG, value.whole());
      case "double" -> Argument.constant(name, ValueType.DOUBLE, value.number());
      default ->
          throw typeField.refused(
              "must be boolean, int, long or double, found \"" + typeField.text() + "\"");
    };
  }

  private Argument record(String name, JsonField argument) {
    String typeName = argument.get("record").text(JAVA_NAME, "a record's simple name");
    List<Argument> components = new ArrayList<>();
    for (JsonField component : argument.get("components").items()) {
      component.object("name", "input");
      String componentName = component.get("name").text(JAVA_NAME, "a record component's name");
      DescribedTensor input = input(component.get("input"));
      components.add(Argument.value(componentName, input.type(), input.key()));
    }
    if (components.isEmpty()) {
      throw argument.get("components").refused("a record has at least one component");
    }
    return Argument.record(name, typeName, components);
  }

  private Result result(JsonField returns) {
    if (returns.node().isTextual()) {
      DescribedTensor output = output(returns);
      return new Result.Value(output.key(), output.type());
    }
    returns.object("record", "components");
    String typeName = returns.get("record").text(JAVA_NAME, "a record's simple name");
    List<Result.Output> outputs = new ArrayList<>();
    for (JsonField component : returns.get("components").items()) {
      component.object("name", "output");
      String accessor = component.get("name").text(JAVA_NAME, "a record component's name");
      DescribedTensor output = output(component.get("output"));
      outputs.add(new Result.Output(output.key(), output.type(), accessor));
    }
    if (outputs.isEmpty()) {
      throw returns.get("components").refused("a record has at least one component");
    }
    return new Result.RecordOf(typeName, outputs);
  }

  private Backprop backprop(JsonField gradients, List<Step> steps) {
    gradients.object("forward", "output", "backward", "upstream", "of");
    Step forward = step(gradients.get("forward"), steps);
    Step backward = step(gradients.get("backward"), steps);
    JsonField outputField = gradients.get("output");
    DescribedTensor output = output(outputField);
    if (forward.result().outputs().stream().noneMatch(o -> o.key().equals(output.key()))) {
      throw outputField.refused("step " + forward.key() + " does not return " + output.key());
    }
    String upstream = gradients.has("upstream") ? gradients.text("upstream") : null;
    if (upstream == null && !output.dims().isEmpty()) {
      throw gradients.refused(
          "needs \"upstream\": only the gradient of a scalar output takes none, and "
              + output.key()
              + " is "
              + output.shapeInDims());
    }
    if (upstream != null) {
      DescribedTensor up = input(gradients.get("upstream"));
      boolean passed =
          backward.arguments().stream()
              .anyMatch(a -> up.key().equals(a.key()) && a.source() == Argument.Source.VALUE);
      if (!passed) {
        throw gradients
            .get("upstream")
            .refused("step " + backward.key() + " takes no argument from " + up.key());
      }
    }
    Map<String, String> of = new LinkedHashMap<>();
    JsonField ofField = gradients.get("of");
    if (!ofField.node().isObject() || ofField.node().isEmpty()) {
      throw ofField.refused("must map each gradient output to its input, e.g. {\"dx\": \"x\"}");
    }
    ofField
        .node()
        .fieldNames()
        .forEachRemaining(
            gradient -> {
              JsonField field = ofField.get(gradient);
              if (backward.result().outputs().stream().noneMatch(o -> o.key().equals(gradient))) {
                throw field.refused("step " + backward.key() + " returns no " + gradient);
              }
              of.put(gradient, input(field).key());
            });
    try {
      return new Backprop(forward.key(), output.key(), backward.key(), upstream, of);
    } catch (IllegalArgumentException e) {
      throw gradients.refused(e.getMessage());
    }
  }

  private static Step step(JsonField field, List<Step> steps) {
    return steps.stream()
        .filter(s -> s.key().equals(field.text()))
        .findFirst()
        .orElseThrow(
            () ->
                field.refused(
                    "no step "
                        + field.text()
                        + " among "
                        + steps.stream().map(Step::key).collect(Collectors.joining(", "))));
  }

  private List<Part> readParts(JsonField list) {
    List<Part> parts = new ArrayList<>();
    for (JsonField part : list.items()) {
      part.object("key", "label", "points", "tensor", "shape_only");
      String key = part.get("key").text(KEY, "lower case letters, digits and '_'");
      if (parts.stream().anyMatch(p -> p.key().equals(key))) {
        throw part.get("key").refused("part " + key + " is there twice");
      }
      double points = part.get("points").number();
      if (points < 0) {
        throw part.get("points").refused("must be at least 0, found " + points);
      }
      DescribedTensor tensor = output(part.get("tensor"));
      boolean shapeOnly = part.has("shape_only") && part.get("shape_only").bool();
      parts.add(new Part(key, part.text("label"), points, tensor.key(), shapeOnly));
    }
    if (parts.isEmpty()) {
      throw list.refused("must list at least one part");
    }
    return parts;
  }

  private static LayerTolerance tolerance(JsonField field) {
    field.object("relative", "absolute");
    double relative = field.get("relative").number();
    double absolute = field.has("absolute") ? field.get("absolute").number() : 0;
    if (!(relative >= 0)) {
      throw field.get("relative").refused("must be at least 0, found " + relative);
    }
    if (!(absolute >= 0)) {
      throw field.get("absolute").refused("must be at least 0, found " + absolute);
    }
    return new LayerTolerance(relative, absolute);
  }

  private List<FileMistake> readMistakes(JsonField list) {
    List<FileMistake> mistakes = new ArrayList<>();
    for (JsonField mistake : list.items()) {
      mistake.object("key", "brief", "sentence", "shapes");
      String key = mistake.get("key").text("[a-z][a-z0-9-]*", "lower case letters, digits and '-'");
      if (mistakes.stream().anyMatch(m -> m.key().equals(key))) {
        throw mistake.get("key").refused("mistake " + key + " is there twice");
      }
      JsonField sentenceField = mistake.get("sentence");
      Matcher placeholders = PLACEHOLDER.matcher(sentenceField.text());
      while (placeholders.find()) {
        String name = placeholders.group(1);
        if (!symbols.contains(name) && !params.containsKey(name)) {
          throw sentenceField.refused(
              "{"
                  + name
                  + "} is neither a size the inputs bind ("
                  + String.join(", ", symbols)
                  + ") nor a parameter");
        }
      }
      Map<String, List<Dim>> shapes = new LinkedHashMap<>();
      if (mistake.has("shapes")) {
        JsonField shapesField = mistake.get("shapes");
        if (!shapesField.node().isObject()) {
          throw shapesField.refused("must map outputs to their wrong dims");
        }
        for (String tensor : (Iterable<String>) shapesField.node()::fieldNames) {
          JsonField dimsField = shapesField.get(tensor);
          output(
              new JsonField(
                  com.fasterxml.jackson.databind.node.TextNode.valueOf(tensor), dimsField.path()));
          List<Dim> dims = new ArrayList<>();
          for (JsonField dim : dimsField.items()) {
            Dim parsed = dim(dim);
            requireKnown(dim, parsed.size());
            dims.add(parsed);
          }
          shapes.put(tensor, dims);
        }
      }
      mistakes.add(new FileMistake(key, mistake.text("brief"), sentenceField.text(), shapes));
    }
    return mistakes;
  }

  private FileLayer.GradientCheckCase gradientCheck(JsonField field) {
    field.object("params", "sizes", "seed");
    JsonField paramsField = field.get("params");
    paramsField.object(params.keySet().toArray(String[]::new));
    Map<String, Object> values = new LinkedHashMap<>();
    for (String key : params.keySet()) {
      JsonField value = paramsField.get(key);
      JsonNode node = value.node();
      values.put(
          key,
          node.isBoolean()
              ? (Object) node.booleanValue()
              : node.canConvertToExactIntegral() && node.canConvertToInt()
                  ? (Object) node.asInt()
                  : node.canConvertToExactIntegral()
                      ? (Object) node.asLong()
                      : (Object) value.number());
    }
    Params checked;
    try {
      checked = Params.of(List.copyOf(params.values()), values);
    } catch (InvalidCase e) {
      throw new LayerFileException("gradient_check." + e.field(), e.getMessage());
    }
    JsonField sizesField = field.get("sizes");
    sizesField.object(symbols.toArray(String[]::new));
    Map<String, Long> sizes = new LinkedHashMap<>();
    for (String symbol : symbols) {
      long size = sizesField.get(symbol).whole();
      if (size < 1 || size > 64) {
        throw sizesField.get(symbol).refused("must be a size from 1 to 64, found " + size);
      }
      sizes.put(symbol, size);
    }
    FileLayer.GradientCheckCase small =
        new FileLayer.GradientCheckCase(checked, sizes, field.get("seed").whole());
    Map<String, Long> numbers = new LinkedHashMap<>(Sizes.ofParams(checked));
    numbers.putAll(sizes);
    for (DescribedTensor tensor : inputs.values()) {
      try {
        Sizes.shape(tensor.key(), tensor.dims(), numbers);
      } catch (InvalidCase e) {
        throw sizesField.refused(e.getMessage());
      }
      if (tensor.range() != null
          && tensor.range().low().value(numbers) > tensor.range().high().value(numbers)) {
        throw sizesField.refused(
            tensor.key()
                + "'s range is empty with these sizes: "
                + tensor.range().low().derivation(numbers)
                + " to "
                + tensor.range().high().derivation(numbers));
      }
    }
    return small;
  }

  /** Every parameter and input is passed: a value the file declares and no call reads is a slip. */
  private void checkPassed(List<Argument> constructor, List<Step> steps) {
    Set<String> read = new LinkedHashSet<>();
    List<Argument> all = new ArrayList<>(constructor);
    steps.forEach(step -> all.addAll(step.arguments()));
    for (Argument argument : all) {
      if (argument.key() != null) {
        read.add(argument.key());
      }
      for (Argument component : argument.components()) {
        read.add(component.key());
      }
    }
    for (String key : params.keySet()) {
      if (!read.contains(key)) {
        throw new LayerFileException("params", key + " is passed to no constructor or step");
      }
    }
    for (String key : inputs.keySet()) {
      if (!read.contains(key)) {
        throw new LayerFileException("inputs", key + " is passed to no constructor or step");
      }
    }
  }
}
