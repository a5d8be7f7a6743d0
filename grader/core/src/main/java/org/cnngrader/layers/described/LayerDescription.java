package org.cnngrader.layers.described;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.cnngrader.layer.KnownMistake;
import org.cnngrader.layer.Layer;
import org.cnngrader.layer.LayerTolerance;
import org.cnngrader.layer.ParamSpec;
import org.cnngrader.layer.Part;
import org.cnngrader.layer.TensorSpec;
import org.cnngrader.runner.Argument;
import org.cnngrader.runner.Backprop;
import org.cnngrader.runner.Result;
import org.cnngrader.runner.Step;
import org.cnngrader.runner.ValueType;

/**
 * Writes any layer, built-in or described, as a description file ({@code layer.json}, format v1)
 * that {@link LayerFile} reads back into the same contract, parameters, tensors, parts and
 * mistakes. Everything is taken from the layer: its contract, its tensors' dimensions, its
 * tolerance, its mistakes and its gradient check's case. What a built-in layer words in Java with a
 * case's numbers is written as a sentence it can say without a case: a mistake's sentence is built
 * from its brief ("your Conv2d ignores the stride"), the summary as the layer gives it.
 */
public final class LayerDescription {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private LayerDescription() {}

  /**
   * The description's text as the format's documentation lays it out: an object one field a line,
   * or on one line where it holds no object and fits in {@value #LINE} characters; an array of
   * numbers and strings on one line. It ends with a newline.
   *
   * @throws IllegalArgumentException when the layer has what a description cannot say (a tensor
   *     without dimensions, a constructor argument that is no parameter or size)
   */
  public static String text(Layer layer) {
    return render(of(layer), "") + "\n";
  }

  private static final int LINE = 100;

  private static String render(JsonNode node, String indent) {
    if (node.isObject()) {
      List<String> fields = new ArrayList<>();
      for (Map.Entry<String, JsonNode> field : node.properties()) {
        fields.add(
            scalar(TextNode.valueOf(field.getKey()))
                + ": "
                + render(field.getValue(), indent + "  "));
      }
      String inline = "{" + String.join(", ", fields) + "}";
      boolean flat = true;
      for (JsonNode value : node) {
        flat &= !value.isObject() && !(value.isArray() && !isFlat(value));
      }
      if (fields.isEmpty() || (flat && indent.length() + inline.length() <= LINE)) {
        return inline;
      }
      return "{\n"
          + fields.stream().map(f -> indent + "  " + f).collect(Collectors.joining(",\n"))
          + "\n"
          + indent
          + "}";
    }
    if (node.isArray()) {
      List<String> items = new ArrayList<>();
      node.forEach(item -> items.add(render(item, indent + "  ")));
      if (isFlat(node)) {
        return "[" + String.join(", ", items) + "]";
      }
      return "[\n"
          + items.stream().map(i -> indent + "  " + i).collect(Collectors.joining(",\n"))
          + "\n"
          + indent
          + "]";
    }
    return scalar(node);
  }

  /** An array of numbers, strings and booleans alone. */
  private static boolean isFlat(JsonNode array) {
    for (JsonNode item : array) {
      if (item.isContainerNode()) {
        return false;
      }
    }
    return true;
  }

  private static String scalar(JsonNode node) {
    try {
      return MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The description as a JSON tree, its fields in the order of the format. */
  public static ObjectNode of(Layer layer) {
    FileLayer file = layer instanceof FileLayer f ? f : null;
    ObjectNode root = MAPPER.createObjectNode();
    root.put("id", layer.id());
    root.put("class", layer.contract().className());
    if (!layer.title().equals(layer.contract().simpleName())) {
      root.put("title", layer.title());
    }
    root.put("summary", layer.summary());
    ArrayNode params = root.putArray("params");
    for (ParamSpec spec : layer.params()) {
      params.add(param(spec, file == null ? null : file.words().params().get(spec.key())));
    }
    ArrayNode inputs = root.putArray("inputs");
    for (TensorSpec input : layer.inputs()) {
      ObjectNode tensor = tensor(layer, input);
      DescribedTensor described = file == null ? null : described(file, input.key());
      if (described != null && described.range() != null) {
        tensor
            .putArray("range")
            .add(described.range().low().text())
            .add(described.range().high().text());
      }
      inputs.add(tensor);
    }
    ArrayNode outputs = root.putArray("outputs");
    for (TensorSpec output : layer.outputs()) {
      outputs.add(tensor(layer, output));
    }
    ArrayNode constructor = root.putArray("constructor");
    for (Argument argument : layer.contract().constructor()) {
      constructor.add(constructorArgument(layer, argument));
    }
    ArrayNode steps = root.putArray("steps");
    for (Step step : layer.contract().steps()) {
      String doc = file == null ? null : file.words().stepDocs().get(step.key());
      steps.add(step(layer, step, doc));
    }
    Backprop backprop = layer.contract().backprop();
    if (backprop != null) {
      root.set("gradients", gradients(backprop));
    }
    ArrayNode parts = root.putArray("parts");
    for (Part part : layer.parts()) {
      parts.add(part(part));
    }
    LayerTolerance tolerance = layer.tolerance();
    root.putObject("tolerance")
        .put("relative", tolerance.relative())
        .put("absolute", tolerance.absolute());
    ArrayNode mistakes = root.putArray("mistakes");
    for (KnownMistake mistake : layer.mistakes()) {
      mistakes.add(mistake(layer, mistake));
    }
    if (backprop != null) {
      root.set("gradient_check", gradientCheck(layer));
    }
    return root;
  }

  private static ObjectNode param(ParamSpec spec, String words) {
    ObjectNode param = MAPPER.createObjectNode();
    param.put("key", spec.key());
    param.put("type", spec.type().javaName());
    if (spec.isNumber() && spec.hasMinimum()) {
      number(param, "minimum", spec.type(), spec.minimum());
    }
    if (spec.isNumber() && spec.hasMaximum()) {
      number(param, "maximum", spec.type(), spec.maximum());
    }
    if (words != null) {
      param.put("words", words);
    }
    return param;
  }

  /** A whole number for an int or long parameter, a double for a double. */
  private static void number(ObjectNode node, String field, ValueType type, double value) {
    if (type == ValueType.DOUBLE) {
      node.put(field, value);
    } else {
      node.put(field, (long) value);
    }
  }

  private static DescribedTensor described(FileLayer file, String key) {
    return file.describedInputs().stream()
        .filter(t -> t.key().equals(key))
        .findFirst()
        .orElse(null);
  }

  private static ObjectNode tensor(Layer layer, TensorSpec spec) {
    if (spec.dims().isEmpty() && spec.rank() > 0) {
      throw new IllegalArgumentException(
          layer.id() + "'s " + spec.key() + " has no dimensions for a description to state");
    }
    ObjectNode tensor = MAPPER.createObjectNode();
    tensor.put("key", spec.key());
    tensor.put("type", spec.type().element().getName());
    dims(tensor.putArray("dims"), spec.dims());
    String words = words(spec);
    if (words != null) {
      tensor.put("words", words);
    }
    return tensor;
  }

  /** A plain dimension as its size, {@code "N"}; one with a name or words as an object. */
  private static void dims(ArrayNode array, List<TensorSpec.Dim> dims) {
    for (TensorSpec.Dim dim : dims) {
      if (dim.isPlain()) {
        array.add(dim.size());
      } else {
        ObjectNode object = array.addObject().put("name", dim.name()).put("size", dim.size());
        if (dim.words() != null) {
          object.put("words", dim.words());
        }
      }
    }
  }

  /**
   * What the tensor's shape in words says beyond its dimensions: "one value per filter" of "[F]:
   * one value per filter" (a built-in's way) or of "[F] (one value per filter)" (a file's); all of
   * "the shape of x"; nothing of "[N, C, H, W]".
   */
  static String words(TensorSpec spec) {
    String shape =
        spec.dims().isEmpty()
            ? "a scalar"
            : spec.dims().stream()
                .map(TensorSpec.Dim::name)
                .collect(Collectors.joining(", ", "[", "]"));
    String words = spec.shapeInWords();
    if (words.equals(shape)) {
      return null;
    }
    if (words.startsWith(shape + ": ")) {
      return words.substring(shape.length() + 2);
    }
    if (words.startsWith(shape + " (") && words.endsWith(")")) {
      return words.substring(shape.length() + 2, words.length() - 1);
    }
    return words;
  }

  private static ObjectNode constructorArgument(Layer layer, Argument argument) {
    ObjectNode node = MAPPER.createObjectNode().put("name", argument.name());
    switch (argument.source()) {
      case VALUE -> node.put("param", argument.key());
      case SIZE -> node.put("size_of", argument.key()).put("axis", argument.axis());
      default ->
          throw new IllegalArgumentException(
              layer.id()
                  + "'s constructor takes "
                  + argument.name()
                  + " from "
                  + argument.source()
                  + "; a description's constructor takes parameters and sizes");
    }
    return node;
  }

  private static ObjectNode step(Layer layer, Step step, String doc) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("key", step.key());
    node.put("method", step.method());
    ArrayNode args = node.putArray("args");
    for (Argument argument : step.arguments()) {
      args.add(stepArgument(layer, step, argument));
    }
    Result result = step.result();
    if (result instanceof Result.RecordOf record) {
      ObjectNode returns = node.putObject("returns").put("record", record.typeName());
      ArrayNode components = returns.putArray("components");
      for (Result.Output output : record.outputs()) {
        components.addObject().put("name", output.accessor()).put("output", output.key());
      }
    } else {
      node.put("returns", result.outputs().get(0).key());
    }
    if (!step.after().isEmpty()) {
      ArrayNode after = node.putArray("after");
      step.after().forEach(after::add);
    }
    if (doc != null) {
      node.put("doc", doc);
    }
    return node;
  }

  private static ObjectNode stepArgument(Layer layer, Step step, Argument argument) {
    ObjectNode node = MAPPER.createObjectNode().put("name", argument.name());
    boolean isParam = layer.params().stream().anyMatch(p -> p.key().equals(argument.key()));
    switch (argument.source()) {
      case VALUE -> node.put(isParam ? "param" : "input", argument.key());
      case CONSTANT -> {
        Object constant = argument.constant();
        if (constant instanceof Boolean flag) {
          node.put("constant", flag);
        } else if (constant instanceof Integer || constant instanceof Long) {
          node.put("constant", ((Number) constant).longValue());
        } else {
          node.put("constant", ((Number) constant).doubleValue());
        }
        node.put("type", argument.type().javaName());
      }
      case SLICES -> node.put("slices_of", argument.key());
      case RECORD -> {
        node.put("record", argument.recordType());
        ArrayNode components = node.putArray("components");
        for (Argument component : argument.components()) {
          components.addObject().put("name", component.name()).put("input", component.key());
        }
      }
      default ->
          throw new IllegalArgumentException(
              layer.id()
                  + "'s step "
                  + step.key()
                  + " takes "
                  + argument.name()
                  + " from "
                  + argument.source()
                  + ", which a description's steps cannot say");
    }
    return node;
  }

  private static ObjectNode gradients(Backprop backprop) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("forward", backprop.forward());
    node.put("output", backprop.output());
    node.put("backward", backprop.backward());
    if (backprop.upstream() != null) {
      node.put("upstream", backprop.upstream());
    }
    ObjectNode of = node.putObject("of");
    backprop.inputOf().forEach(of::put);
    return node;
  }

  private static ObjectNode part(Part part) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("key", part.key());
    node.put("label", part.label());
    double points = part.defaultPoints();
    if (points == Math.rint(points)) {
      node.put("points", (long) points);
    } else {
      node.put("points", points);
    }
    node.put("tensor", part.tensor());
    if (part.shapeOnly()) {
      node.put("shape_only", true);
    }
    return node;
  }

  private static ObjectNode mistake(Layer layer, KnownMistake mistake) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("key", mistake.key());
    node.put("brief", mistake.brief());
    if (mistake instanceof FileMistake file) {
      node.put("sentence", file.sentence());
      if (!file.shapes().isEmpty()) {
        ObjectNode shapes = node.putObject("shapes");
        // The file's order of outputs, for the same text on every run.
        for (TensorSpec output : layer.outputs()) {
          List<Dim> dims = file.shapes().get(output.key());
          if (dims != null) {
            dims(shapes.putArray(output.key()), dims.stream().map(Dim::spec).toList());
          }
        }
      }
    } else {
      node.put("sentence", "your " + layer.title() + " " + mistake.brief());
    }
    return node;
  }

  /**
   * The small case the layer checks gradients on: its parameters, the size each input symbol has in
   * it, and its seed.
   */
  private static ObjectNode gradientCheck(Layer layer) {
    Layer.SmallCase small = layer.smallCase();
    ObjectNode node = MAPPER.createObjectNode();
    ObjectNode params = node.putObject("params");
    small
        .params()
        .values()
        .forEach(
            (key, value) -> {
              if (value instanceof Boolean flag) {
                params.put(key, flag);
              } else if (value instanceof Integer || value instanceof Long) {
                params.put(key, ((Number) value).longValue());
              } else {
                params.put(key, ((Number) value).doubleValue());
              }
            });
    Map<String, Integer> sizes = new LinkedHashMap<>();
    for (TensorSpec input : layer.inputs()) {
      for (int axis = 0; axis < input.dims().size(); axis++) {
        TensorSpec.Dim dim = input.dims().get(axis);
        boolean isParam = small.params().values().containsKey(dim.size());
        if (dim.size().matches("[A-Za-z][A-Za-z0-9_]*") && !isParam) {
          sizes.putIfAbsent(dim.size(), small.inputs().get(input.key()).shape().dim(axis));
        }
      }
    }
    ObjectNode sizesNode = node.putObject("sizes");
    sizes.forEach(sizesNode::put);
    node.put("seed", small.seed());
    return node;
  }
}
