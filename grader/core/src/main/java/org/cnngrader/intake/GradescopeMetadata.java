package org.cnngrader.intake;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cnngrader.report.Student;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads the {@code submission_metadata.yml} of a Gradescope export: a mapping from each submission
 * folder's name ({@code submission_123456}) to its details, with Ruby-symbol keys. Only the
 * submitters are read, several for a group submission:
 *
 * <pre>
 * submission_123456:
 *   :submitters:
 *   - :name: Jane Doe
 *     :sid: '1234'
 *     :email: jane@example.edu
 *   :created_at: 2024-03-01 12:00:00.000000000 Z
 *   :score: 10.0
 *   :results: ...
 * </pre>
 *
 * The rest (scores, earlier results, history) is skipped unread: it can be large.
 */
final class GradescopeMetadata {

  static final String FILE = "submission_metadata.yml";

  /** The file names a submission's details; "submitters" is accepted without the Ruby colon too. */
  private static final List<String> SUBMITTERS = List.of(":submitters", "submitters");

  // The file lists every submission's earlier results and output: far beyond SnakeYAML's default
  // limit of 3 MB for one document. It is the TA's download, and read as a stream.
  private static final YAMLFactory YAML =
      YAMLFactory.builder()
          .loaderOptions(codePointLimit(Integer.MAX_VALUE))
          .streamReadConstraints(
              StreamReadConstraints.builder().maxStringLength(64 * 1024 * 1024).build())
          .build();

  private static final ObjectMapper MAPPER = new ObjectMapper(YAML);

  /** One submission's entry: its students, and the line it starts on. */
  record Entry(List<Student> students, int line) {
    Entry {
      students = List.copyOf(students);
    }
  }

  /**
   * The entries by folder name, in the file's order, and what was wrong with some of them (each
   * naming file, line and field); an entry at fault is kept without the students it could not give.
   */
  record Metadata(Map<String, Entry> entries, List<String> problems) {
    Metadata {
      entries = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(entries));
      problems = List.copyOf(problems);
    }
  }

  /** A file that is not YAML, or not a mapping at its top: nothing of it can be trusted. */
  static final class Unreadable extends Exception {
    private static final long serialVersionUID = 1L;

    Unreadable(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private GradescopeMetadata() {}

  /**
   * Reads {@code file}.
   *
   * @throws Unreadable when it cannot be read or parsed, with file, line and column where the
   *     parser gives them
   */
  static Metadata read(Path file) throws Unreadable {
    Map<String, Entry> entries = new LinkedHashMap<>();
    List<String> problems = new ArrayList<>();
    try (JsonParser parser = YAML.createParser(file.toFile())) {
      JsonToken first = parser.nextToken();
      if (first != JsonToken.START_OBJECT) {
        throw new Unreadable(
            at(file, parser.currentTokenLocation())
                + "expected a mapping from submission folders to their details, found "
                + describe(first),
            null);
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String folder = parser.currentName();
        int line = parser.currentTokenLocation().getLineNr();
        JsonToken value = parser.nextToken();
        if (value != JsonToken.START_OBJECT) {
          problems.add(
              at(file, parser.currentTokenLocation())
                  + folder
                  + ": expected a mapping with :submitters:, found "
                  + describe(value));
          parser.skipChildren();
          entries.put(folder, new Entry(List.of(), line));
          continue;
        }
        entries.put(folder, new Entry(submitters(file, parser, folder, line, problems), line));
      }
    } catch (JsonProcessingException e) {
      throw new Unreadable(at(file, e) + "not valid YAML: " + problem(e), e);
    } catch (IOException e) {
      throw new Unreadable(file + ": cannot be read: " + e.getMessage(), e);
    }
    return new Metadata(entries, problems);
  }

  /** Reads one entry's fields, the parser on its START_OBJECT, and returns its submitters. */
  private static List<Student> submitters(
      Path file, JsonParser parser, String folder, int line, List<String> problems)
      throws IOException {
    List<Student> students = new ArrayList<>();
    boolean listed = false;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      JsonToken value = parser.nextToken();
      if (!SUBMITTERS.contains(field)) {
        parser.skipChildren();
        continue;
      }
      listed = true;
      JsonLocation where = parser.currentTokenLocation();
      JsonNode list = MAPPER.readTree(parser);
      if (value != JsonToken.START_ARRAY) {
        problems.add(
            at(file, where)
                + folder
                + ": "
                + field
                + ": expected a list of submitters, found "
                + describe(value));
        continue;
      }
      for (int i = 0; i < list.size(); i++) {
        JsonNode submitter = list.get(i);
        if (!submitter.isObject()) {
          problems.add(
              at(file, where)
                  + folder
                  + ": "
                  + field
                  + "["
                  + i
                  + "]: expected a submitter with :name:, :email: and :sid:, found "
                  + submitter.getNodeType().toString().toLowerCase(java.util.Locale.ROOT));
          continue;
        }
        students.add(
            Student.fromGradescope(
                text(submitter, "name"), text(submitter, "email"), text(submitter, "sid")));
      }
    }
    if (!listed) {
      problems.add(file + ":" + line + ": " + folder + ": no :submitters: list");
    }
    return students;
  }

  private static String text(JsonNode submitter, String field) {
    JsonNode value = submitter.has(":" + field) ? submitter.get(":" + field) : submitter.get(field);
    return value == null || value.isNull() || value.isContainerNode() ? "" : value.asText();
  }

  /** "file:line:column: ", compiler-style. */
  private static String at(Path file, JsonLocation location) {
    return location == null || location.getLineNr() < 1
        ? file + ": "
        : file + ":" + location.getLineNr() + ":" + location.getColumnNr() + ": ";
  }

  /** Where SnakeYAML found the problem: its own mark is more precise than the parser's place. */
  private static String at(Path file, JsonProcessingException e) {
    if (e.getCause() instanceof MarkedYAMLException marked && marked.getProblemMark() != null) {
      return file
          + ":"
          + (marked.getProblemMark().getLine() + 1)
          + ":"
          + (marked.getProblemMark().getColumn() + 1)
          + ": ";
    }
    return at(file, e.getLocation());
  }

  private static String problem(JsonProcessingException e) {
    if (e.getCause() instanceof MarkedYAMLException marked && marked.getProblem() != null) {
      return marked.getProblem()
          + (marked.getContext() == null ? "" : " (" + marked.getContext() + ")");
    }
    return e.getOriginalMessage().lines().findFirst().orElse("");
  }

  private static String describe(JsonToken token) {
    if (token == null) {
      return "nothing";
    }
    return switch (token) {
      case START_ARRAY -> "a list";
      case START_OBJECT -> "a mapping";
      case VALUE_NULL -> "nothing";
      default -> "a single value";
    };
  }

  private static LoaderOptions codePointLimit(int limit) {
    LoaderOptions options = new LoaderOptions();
    options.setCodePointLimit(limit);
    return options;
  }
}
