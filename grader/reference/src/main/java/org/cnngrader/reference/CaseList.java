package org.cnngrader.reference;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.cnngrader.fixture.Visibility;
import org.cnngrader.layer.InvalidCase;
import org.cnngrader.layer.Layer;
import org.cnngrader.layer.ParamSpec;
import org.cnngrader.layer.Params;

/**
 * A layer's declarative list of cases that {@code fixtures generate} turns into fixture files: an
 * object whose {@code cases} each give a name, a visibility, a seed, the layer's parameters and
 * sizes, and optionally a description and fills.
 */
public record CaseList(Layer layer, List<CaseSpec> cases) {

  /** The name of a layer's list, in the layer's folder of a fixtures root. */
  public static final String FILE_NAME = "cases.json";

  private static final Set<String> COMMON =
      Set.of("name", "visibility", "description", "seed", "fill");

  private static final ObjectMapper MAPPER = new ObjectMapper();

  public CaseList {
    cases = List.copyOf(cases);
    List<String> repeated =
        cases.stream()
            .collect(Collectors.groupingBy(CaseSpec::name, Collectors.counting()))
            .entrySet()
            .stream()
            .filter(e -> e.getValue() > 1)
            .map(e -> e.getKey())
            .sorted()
            .toList();
    if (!repeated.isEmpty()) {
      throw new IllegalArgumentException("case names must be unique, repeated: " + repeated);
    }
  }

  /** Where a fixtures root keeps a layer's list: {@code conv2d/cases.json}. */
  public static Path file(Path root, Layer layer) {
    return root.resolve(layer.id()).resolve(FILE_NAME);
  }

  /**
   * Reads {@code layer}'s case list.
   *
   * @throws IllegalArgumentException naming the file, the field and the problem
   */
  public static CaseList read(Path file, Layer layer) throws IOException {
    JsonNode root;
    try {
      root = MAPPER.readTree(Files.readString(file));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          file + ": line " + e.getLocation().getLineNr() + ": " + e.getOriginalMessage(), e);
    }
    if (root == null || !root.isObject() || !root.path("cases").isArray()) {
      throw new IllegalArgumentException(file + ": cases: must be an array of cases");
    }
    List<CaseSpec> specs = new ArrayList<>();
    for (int i = 0; i < root.get("cases").size(); i++) {
      String field = "cases[" + i + "]";
      try {
        specs.add(spec(root.get("cases").get(i), layer, field));
      } catch (IllegalArgumentException e) {
        String message = e.getMessage();
        throw new IllegalArgumentException(
            file + ": " + (message.startsWith(field) ? message : field + ": " + message), e);
      }
    }
    try {
      return new CaseList(layer, specs);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
    }
  }

  private static CaseSpec spec(JsonNode node, Layer layer, String field) {
    if (!node.isObject()) {
      throw new IllegalArgumentException(field + ": must be an object");
    }
    LayerReference reference = LayerReferences.of(layer);
    Map<String, Number> params = new LinkedHashMap<>();
    Map<String, Integer> sizes = new LinkedHashMap<>();
    List<String> paramKeys = layer.params().stream().map(ParamSpec::key).toList();
    node.fieldNames()
        .forEachRemaining(
            key -> {
              JsonNode value = node.get(key);
              if (COMMON.contains(key)) {
                return;
              }
              if (paramKeys.contains(key)) {
                params.put(key, number(value, field + "." + key));
              } else if (reference.sizes().contains(key)) {
                if (!value.canConvertToExactIntegral() || value.asInt() < 1) {
                  throw new IllegalArgumentException(
                      field + "." + key + ": must be a whole number of at least 1, found " + value);
                }
                sizes.put(key, value.asInt());
              } else {
                throw new IllegalArgumentException(
                    field
                        + "."
                        + key
                        + ": is not a field of a "
                        + layer.id()
                        + " case; its fields are "
                        + String.join(", ", COMMON.stream().sorted().toList())
                        + ", "
                        + String.join(", ", paramKeys)
                        + ", "
                        + String.join(", ", reference.sizes()));
              }
            });
    for (String size : reference.sizes()) {
      if (!sizes.containsKey(size)) {
        throw new IllegalArgumentException(field + "." + size + ": is missing");
      }
    }
    Map<String, Integer> ordered = new LinkedHashMap<>();
    reference.sizes().forEach(size -> ordered.put(size, sizes.get(size)));
    Params checked;
    try {
      checked = Params.of(layer.params(), params);
    } catch (InvalidCase e) {
      throw new IllegalArgumentException(field + "." + e.field() + ": " + e.getMessage(), e);
    }
    return new CaseSpec(
        layer,
        text(node, "name", field),
        visibility(node, field),
        node.has("description") ? text(node, "description", field) : null,
        checked,
        ordered,
        seed(node, field),
        fills(node.get("fill"), field));
  }

  private static Number number(JsonNode value, String field) {
    if (!value.isNumber()) {
      throw new IllegalArgumentException(field + ": must be a number, found " + value);
    }
    return value.canConvertToExactIntegral() && value.canConvertToInt()
        ? (Number) value.asInt()
        : (Number) value.doubleValue();
  }

  private static String text(JsonNode node, String key, String field) {
    JsonNode value = node.get(key);
    if (value == null || !value.isTextual()) {
      throw new IllegalArgumentException(
          field + "." + key + ": " + (value == null ? "is missing" : "must be a string"));
    }
    return value.asText();
  }

  private static Visibility visibility(JsonNode node, String field) {
    String text = text(node, "visibility", field);
    for (Visibility visibility : Visibility.values()) {
      if (visibility.folder().equals(text)) {
        return visibility;
      }
    }
    throw new IllegalArgumentException(
        field + ".visibility: must be public or hidden, found " + text);
  }

  private static long seed(JsonNode node, String field) {
    JsonNode value = node.get("seed");
    if (value == null || !value.canConvertToExactIntegral() || !value.canConvertToLong()) {
      throw new IllegalArgumentException(
          field + ".seed: " + (value == null ? "is missing" : "must be a whole number"));
    }
    return value.asLong();
  }

  private static Map<String, CaseSpec.Fill> fills(JsonNode node, String field) {
    Map<String, CaseSpec.Fill> fills = new TreeMap<>();
    if (node == null) {
      return fills;
    }
    if (!node.isObject()) {
      throw new IllegalArgumentException(field + ".fill: must be an object of inputs to fills");
    }
    node.fieldNames()
        .forEachRemaining(
            tensor -> {
              try {
                fills.put(tensor, CaseSpec.Fill.parse(node.get(tensor).asText("")));
              } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                    field + ".fill." + tensor + ": " + e.getMessage(), e);
              }
            });
    return fills;
  }
}
