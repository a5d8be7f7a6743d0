package org.cnngrader.reference;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.cnngrader.layer.Layer;
import org.cnngrader.layer.ParamSpec;
import org.cnngrader.layer.TensorSpec;
import org.cnngrader.layers.Layers;
import org.cnngrader.runner.ValueType;

/**
 * The JSON schema of case lists (fixtures/cases.schema.json), written from the layers' descriptions
 * and their references' sizes. A list does not say its layer (its folder does), so a case must
 * match one layer's fields.
 */
public final class CaseListSchema {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private CaseListSchema() {}

  public static String render() {
    // Case lists of this format are the built-in layers' (a described layer's is the PyTorch
    // script's, cases.json beside its layer.json).
    return render(Layers.builtIn().all());
  }

  static String render(List<Layer> layers) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
    root.put("title", "Fixture case list");
    root.put(
        "description",
        "The declarative list of a layer's cases (<layer>/cases.json) that `grader fixtures"
            + " generate` turns into fixture files. Written by CaseListSchema from the layers'"
            + " descriptions; see fixtures/README.md.");
    root.put("type", "object");
    root.putArray("required").add("cases");
    root.put("additionalProperties", false);
    ObjectNode cases = root.putObject("properties").putObject("cases");
    cases.put("type", "array");
    ArrayNode oneOf = cases.putObject("items").putArray("oneOf");
    ObjectNode defs = root.putObject("$defs");
    for (Layer layer : layers) {
      oneOf.addObject().put("$ref", "#/$defs/" + layer.id());
      defs.set(layer.id(), caseOf(layer));
    }
    ObjectNode fill = defs.putObject("fill");
    fill.put("type", "string");
    fill.put(
        "pattern", "^(random|arange|ones|zeros|(linspace|normal) -?[0-9.eE+-]+ -?[0-9.eE+-]+)$");
    return write(root);
  }

  private static ObjectNode caseOf(Layer layer) {
    LayerReference reference = LayerReferences.of(layer);
    ObjectNode spec = MAPPER.createObjectNode();
    spec.put("description", "A case of " + layer.id() + " (" + layer.contract().className() + ")");
    spec.put("type", "object");
    ArrayNode required = spec.putArray("required");
    required.add("name").add("visibility").add("seed");
    spec.put("additionalProperties", false);
    ObjectNode properties = spec.putObject("properties");
    ObjectNode name = properties.putObject("name");
    name.put("type", "string");
    name.put("pattern", "^[A-Za-z0-9][A-Za-z0-9._-]*$");
    properties.putObject("visibility").putArray("enum").add("public").add("hidden");
    properties.putObject("description").put("type", "string");
    properties.putObject("seed").put("type", "integer");
    for (String size : reference.sizes()) {
      ObjectNode value = properties.putObject(size);
      value.put("type", "integer");
      value.put("minimum", 1);
      required.add(size);
    }
    for (ParamSpec param : layer.params()) {
      ObjectNode value = properties.putObject(param.key());
      value.put("type", param.type() == ValueType.INT ? "integer" : "number");
      value.put("minimum", param.minimum());
      required.add(param.key());
    }
    ObjectNode fill = properties.putObject("fill");
    fill.put("type", "object");
    fill.put("additionalProperties", false);
    ObjectNode fills = fill.putObject("properties");
    for (TensorSpec input : layer.inputs()) {
      fills.putObject(input.key()).put("$ref", "#/$defs/fill");
    }
    return spec;
  }

  private static String write(ObjectNode root) {
    DefaultPrettyPrinter printer =
        new DefaultPrettyPrinter().withObjectIndenter(new DefaultIndenter("  ", "\n"));
    try {
      return MAPPER.writer(printer).writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always serializes", e);
    }
  }
}
