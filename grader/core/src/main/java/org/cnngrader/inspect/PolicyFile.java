package org.cnngrader.inspect;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.cnngrader.fixture.FixtureException;

/** The policy file format: reading checks every field and names it, with what is allowed. */
final class PolicyFile {

  /** A note for the people who edit the file; the grader does not use it. */
  static final String DESCRIPTION = "description";

  // A key given twice would otherwise silently keep its last value.
  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  private PolicyFile() {}

  static Policy read(Path file) {
    String name = file.toString();
    JsonNode root = parse(name, bytes(file));
    if (root == null || !root.isObject()) {
      throw new FixtureException(
          name,
          "policy",
          "must be a JSON object that maps kinds (" + kinds() + ") to actions (" + actions() + ")",
          null);
    }
    Map<FindingKind, Policy.Action> actions = new EnumMap<>(Policy.DEFAULT.actions());
    for (Map.Entry<String, JsonNode> field : root.properties()) {
      if (field.getKey().equals(DESCRIPTION)) {
        if (!field.getValue().isTextual()) {
          throw new FixtureException(name, DESCRIPTION, "must be a string", null);
        }
        continue;
      }
      FindingKind kind =
          FindingKind.fromPolicyKey(field.getKey())
              .orElseThrow(
                  () ->
                      new FixtureException(
                          name,
                          field.getKey(),
                          "is not a kind of finding; the kinds are "
                              + kinds()
                              + " (and "
                              + DESCRIPTION
                              + ", a note)",
                          null));
      actions.put(kind, action(name, field.getKey(), field.getValue()));
    }
    return new Policy(actions);
  }

  private static Policy.Action action(String file, String key, JsonNode value) {
    if (value.isTextual()) {
      var action = Policy.Action.fromKey(value.asText());
      if (action.isPresent()) {
        return action.get();
      }
    }
    throw new FixtureException(file, key, "must be one of " + actions() + ", found " + value, null);
  }

  private static byte[] bytes(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new FixtureException(file.toString(), null, "cannot be read: " + e, e);
    }
  }

  private static JsonNode parse(String file, byte[] bytes) {
    try {
      return MAPPER.readTree(bytes);
    } catch (JsonProcessingException e) {
      String where =
          e.getLocation() == null
              ? ""
              : "line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
      throw new FixtureException(
          file, "JSON", where + (where.isEmpty() ? "" : ": ") + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new FixtureException(file, null, "cannot be read: " + e, e);
    }
  }

  private static String kinds() {
    return Arrays.stream(FindingKind.values())
        .map(FindingKind::policyKey)
        .collect(Collectors.joining(", "));
  }

  private static String actions() {
    return Arrays.stream(Policy.Action.values())
        .map(action -> "\"" + action.key() + "\"")
        .collect(Collectors.joining(", "));
  }
}
