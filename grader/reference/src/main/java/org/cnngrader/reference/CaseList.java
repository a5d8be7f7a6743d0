package org.cnngrader.reference;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/** The declarative list of cases that {@code fixtures generate} turns into fixture files. */
public record CaseList(List<CaseSpec> cases) {

  /** Where the repository keeps its list, relative to a fixtures root. */
  public static final String FILE = "conv2d/cases.json";

  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

  @JsonCreator
  public CaseList(@JsonProperty(value = "cases", required = true) List<CaseSpec> cases) {
    this.cases = List.copyOf(cases);
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

  /**
   * Reads a case list.
   *
   * @throws IllegalArgumentException naming the file, the field and the problem
   */
  public static CaseList read(Path file) throws IOException {
    try {
      return MAPPER.readValue(file.toFile(), CaseList.class);
    } catch (JsonMappingException e) {
      String field =
          e.getPath().stream()
              .map(
                  r -> r.getFieldName() != null ? "." + r.getFieldName() : "[" + r.getIndex() + "]")
              .collect(Collectors.joining())
              .replaceFirst("^\\.", "");
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      throw new IllegalArgumentException(
          file
              + ": "
              + (field.isEmpty() ? "" : field + ": ")
              + cause.getMessage().lines().findFirst().orElse(""),
          e);
    }
  }
}
