package org.cnngrader.layers.described;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A value of a layer file with its path ({@code steps[1].returns}): each accessor checks the type
 * it reads and, when wrong, throws a {@link LayerFileException} naming the field and what it must
 * be.
 */
record JsonField(JsonNode node, String path) {

  /** The problem at this field. */
  LayerFileException refused(String problem) {
    return new LayerFileException(path.isEmpty() ? null : path, problem);
  }

  private String pathOf(String name) {
    return path.isEmpty() ? name : path + "." + name;
  }

  boolean has(String name) {
    return node.has(name) && !node.get(name).isNull();
  }

  JsonField get(String name) {
    JsonNode child = node.get(name);
    if (child == null || child.isNull()) {
      throw new LayerFileException(pathOf(name), "is missing");
    }
    return new JsonField(child, pathOf(name));
  }

  /** Refuses every field but {@code known}, to catch a misspelt name. */
  JsonField object(String... known) {
    if (!node.isObject()) {
      throw refused("must be an object, found " + node);
    }
    Set<String> allowed = Set.of(known);
    node.fieldNames()
        .forEachRemaining(
            name -> {
              if (!allowed.contains(name)) {
                throw new LayerFileException(
                    pathOf(name),
                    "is not a field here; the fields are "
                        + String.join(", ", new TreeSet<>(allowed)));
              }
            });
    return this;
  }

  List<JsonField> items() {
    if (!node.isArray()) {
      throw refused("must be an array, found " + node);
    }
    List<JsonField> items = new ArrayList<>();
    for (int i = 0; i < node.size(); i++) {
      items.add(new JsonField(node.get(i), path + "[" + i + "]"));
    }
    return items;
  }

  String text() {
    if (!node.isTextual() || node.asText().isBlank()) {
      throw refused("must be a non-empty string, found " + node);
    }
    return node.asText();
  }

  /** A string matching {@code pattern}, described as {@code what} when it does not. */
  String text(String pattern, String what) {
    String text = text();
    if (!text.matches(pattern)) {
      throw refused("must be " + what + ", found \"" + text + "\"");
    }
    return text;
  }

  String text(String name) {
    return get(name).text();
  }

  String optionalText(String name) {
    return has(name) ? get(name).text() : null;
  }

  double number() {
    if (!node.isNumber()) {
      throw refused("must be a number, found " + node);
    }
    return node.doubleValue();
  }

  int integer() {
    if (!node.canConvertToExactIntegral() || !node.canConvertToInt()) {
      throw refused("must be a whole number, found " + node);
    }
    return node.asInt();
  }

  long whole() {
    if (!node.canConvertToExactIntegral() || !node.canConvertToLong()) {
      throw refused("must be a whole number, found " + node);
    }
    return node.asLong();
  }

  boolean bool() {
    if (!node.isBoolean()) {
      throw refused("must be true or false, found " + node);
    }
    return node.asBoolean();
  }
}
