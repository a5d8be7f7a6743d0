package org.cnngrader.lms;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Canvas's gradebook import, as its importer reads a CSV: written from the rules (column 0 holds
 * "Student", column 1 "ID", then optional SIS columns, the student columns end with "Section" or
 * the file is rejected; later columns are assignments, matched by the id in "Title (id)"; a row
 * whose first cell holds "Points Possible" sets the points; students are matched by user id, then
 * SIS user id, then SIS login id, then exact name; a column whose title holds one of Canvas's own
 * totals, such as "Final Grade", is dropped without a word).
 */
final class CanvasImportRules {

  /** A student of the course's roster. */
  record Enrolled(String name, String userId, String sisUserId, String sisLoginId) {}

  /**
   * What the import did: the assignment it matched, its points, the grades, rows unmatched, and
   * whether it dropped the assignment's column (then it imports nothing).
   */
  record Imported(
      String assignmentId,
      String pointsPossible,
      Map<Enrolled, String> grades,
      List<List<String>> unmatched,
      boolean columnDropped) {}

  private static final Set<String> OPTIONAL_STUDENT_COLUMNS =
      Set.of("SIS User ID", "SIS Login ID", "Integration ID", "Root Account");

  /** Canvas's own totals, as its importer's regular expression finds them in a title. */
  private static final Pattern NON_ASSIGNMENT =
      Pattern.compile(
          "Current Score|Current Points|Current Grade|Final Score|Final Points|Final Grade"
              + "|Override Score|Override Grade|Override Status");

  private static final Pattern ASSIGNMENT_ID = Pattern.compile(".*\\((\\d+)\\)\\s*");

  private CanvasImportRules() {}

  static Imported read(String csv, List<Enrolled> roster) throws IOException {
    List<List<String>> rows;
    CsvMapper mapper = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY);
    try (MappingIterator<List<String>> it = mapper.readerForListOf(String.class).readValues(csv)) {
      rows = it.readAll();
    }
    List<String> header = rows.get(0);
    if (!header.get(0).contains("Student") || !header.get(1).equals("ID")) {
      throw new IllegalArgumentException("rejected: columns 0 and 1 must be Student and ID");
    }
    int column = 2;
    while (column < header.size() && OPTIONAL_STUDENT_COLUMNS.contains(header.get(column))) {
      column++;
    }
    if (column >= header.size() || !header.get(column).equals("Section")) {
      throw new IllegalArgumentException("rejected: the student columns must end with Section");
    }
    if (column + 2 != header.size()) {
      throw new IllegalArgumentException("expected one assignment column after Section");
    }
    int assignment = column + 1;
    if (NON_ASSIGNMENT.matcher(header.get(assignment)).find()) {
      return new Imported("", "", Map.of(), List.of(), true);
    }
    Matcher id = ASSIGNMENT_ID.matcher(header.get(assignment));
    String assignmentId = id.matches() ? id.group(1) : "";
    String points = "";
    Map<Enrolled, String> grades = new LinkedHashMap<>();
    List<List<String>> unmatched = new ArrayList<>();
    for (List<String> row : rows.subList(1, rows.size())) {
      if (row.get(0).contains("Points Possible")) {
        points = row.get(assignment);
        continue;
      }
      Optional<Enrolled> student = identify(row, header, roster);
      if (student.isPresent()) {
        if (grades.put(student.get(), row.get(assignment)) != null) {
          throw new IllegalArgumentException("two rows for " + student.get());
        }
      } else {
        unmatched.add(row);
      }
    }
    return new Imported(assignmentId, points, grades, unmatched, false);
  }

  private static Optional<Enrolled> identify(
      List<String> row, List<String> header, List<Enrolled> roster) {
    String userId = row.get(1);
    String sisUserId = cell(row, header, "SIS User ID");
    String sisLoginId = cell(row, header, "SIS Login ID");
    String name = row.get(0);
    for (Enrolled student : roster) {
      if (!userId.isEmpty() && student.userId().equals(userId)) {
        return Optional.of(student);
      }
    }
    for (Enrolled student : roster) {
      if (!sisUserId.isEmpty() && student.sisUserId().equals(sisUserId)) {
        return Optional.of(student);
      }
    }
    for (Enrolled student : roster) {
      if (!sisLoginId.isEmpty() && student.sisLoginId().equals(sisLoginId)) {
        return Optional.of(student);
      }
    }
    return roster.stream().filter(s -> !name.isEmpty() && s.name().equals(name)).findFirst();
  }

  private static String cell(List<String> row, List<String> header, String column) {
    int at = header.indexOf(column);
    return at < 0 ? "" : row.get(at);
  }
}
