package org.cnngrader.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One student who handed a submission in, as the LMS export names them: for TAs (the gradebook and
 * provenance.json), never for results.json, which students see. Every field is empty when unknown.
 * Control and format characters (terminal escapes, right-to-left overrides) become spaces: the
 * names come from files a TA did not write and end up in terminals, spreadsheets and web pages.
 *
 * @param name the student's name (Gradescope) or the name Canvas puts in file names
 * @param email the student's email address
 * @param id the LMS's id for the student, of the kind {@code idKind} says
 * @param idKind what {@code id} is: which LMS gave it, and what that LMS can match it against
 * @param late whether the LMS marked the student's hand-in late (Canvas's {@code LATE} in its file
 *     names)
 */
public record Student(String name, String email, String id, IdKind idKind, boolean late) {

  /** What a student's {@link #id} is, as provenance.json names it ({@code id_kind}). */
  public enum IdKind {
    /** No id, or one from a grader older than the kinds. */
    NONE("none"),
    /** Canvas's user id, from a Canvas download's file names: Canvas's gradebook matches it. */
    CANVAS_USER_ID("canvas_user_id"),
    /**
     * Canvas's anonymous id ({@code anon_...}) of an anonymously graded assignment: no gradebook
     * import matches it.
     */
    CANVAS_ANONYMOUS_ID("canvas_anonymous_id"),
    /** The SID of Gradescope's roster, often the university's student number (an SIS id). */
    GRADESCOPE_SID("gradescope_sid");

    private final String key;

    IdKind(String key) {
      this.key = key;
    }

    public String key() {
      return key;
    }

    static IdKind ofKey(String key) {
      for (IdKind kind : values()) {
        if (kind.key.equals(key)) {
          return kind;
        }
      }
      return NONE;
    }
  }

  /** The field of provenance.json that lists a submission's students. */
  public static final String PROVENANCE_FIELD = "students";

  public Student {
    name = plain(name);
    email = plain(email);
    id = plain(id);
    idKind = id.isEmpty() || idKind == null ? IdKind.NONE : idKind;
  }

  /** A student of a Canvas download: the name in its file names, the user or anonymous id. */
  public static Student fromCanvas(String name, String userId, boolean late) {
    return new Student(
        name,
        "",
        userId,
        userId.startsWith("anon_") ? IdKind.CANVAS_ANONYMOUS_ID : IdKind.CANVAS_USER_ID,
        late);
  }

  /** A submitter of a Gradescope export, as its submission_metadata.yml lists them. */
  public static Student fromGradescope(String name, String email, String sid) {
    return new Student(name, email, sid, IdKind.GRADESCOPE_SID, false);
  }

  /** The students listed in {@code provenance}, as {@link #toJson} wrote them. */
  public static List<Student> fromJson(JsonNode provenance) {
    List<Student> students = new ArrayList<>();
    for (JsonNode student : provenance.path(PROVENANCE_FIELD)) {
      students.add(
          new Student(
              student.path("name").asText(""),
              student.path("email").asText(""),
              student.path("id").asText(""),
              IdKind.ofKey(student.path("id_kind").asText("")),
              student.path("late").asBoolean(false)));
    }
    return students;
  }

  /**
   * The students of a provenance.json an earlier run wrote; none when the file is missing (a run
   * older than the students' field has none either).
   *
   * @throws IOException when the file exists but is not JSON
   */
  public static List<Student> read(Path provenanceJson) throws IOException {
    if (!Files.isRegularFile(provenanceJson)) {
      return List.of();
    }
    return fromJson(new ObjectMapper().readTree(provenanceJson.toFile()));
  }

  public static ArrayNode toJson(List<Student> students) {
    ArrayNode array = JsonNodeFactory.instance.arrayNode();
    for (Student student : students) {
      ObjectNode node = array.addObject();
      node.put("name", student.name());
      node.put("email", student.email());
      node.put("id", student.id());
      node.put("id_kind", student.idKind().key());
      node.put("late", student.late());
    }
    return array;
  }

  private static String plain(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder plain = new StringBuilder(text.length());
    text.codePoints()
        .forEach(
            c ->
                plain.appendCodePoint(
                    Character.isISOControl(c) || Character.getType(c) == Character.FORMAT
                        ? ' '
                        : c));
    return plain.toString().strip();
  }
}
