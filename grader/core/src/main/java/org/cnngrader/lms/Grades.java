package org.cnngrader.lms;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.cnngrader.intake.RefusedInputException;
import org.cnngrader.report.GraderError;
import org.cnngrader.report.Scoresheet;
import org.cnngrader.report.SpreadsheetCells;
import org.cnngrader.report.Student;

/**
 * A run's grades, student by student, as the LMS exports write them: every member of a group
 * submission gets its grade; a submission no student is named for, one of which no code was graded
 * and one the grader failed on is listed apart so that an export can say so rather than drop it,
 * and never writes its zeros as a grade.
 *
 * @param grades one per student, in the order of the submissions
 * @param pointsPossible what a full score is worth in the LMS
 * @param scaled whether the points were scaled from the grader's to {@code pointsPossible}, a total
 *     the TA stated; else they are the grader's raw points
 * @param withoutStudents the ids of the submissions graded that name no student (a folder of
 *     submissions, not an LMS's export)
 * @param noCode the submissions of which no code was graded: no grade, whoever handed them in
 * @param notGraded the submissions the grader failed on: no grade, graded again on the next run
 */
public record Grades(
    List<StudentGrade> grades,
    double pointsPossible,
    boolean scaled,
    List<String> withoutStudents,
    List<NoCode> noCode,
    List<GraderError> notGraded) {

  public Grades {
    grades = List.copyOf(grades);
    withoutStudents = List.copyOf(withoutStudents);
    noCode = List.copyOf(noCode);
    notGraded = List.copyOf(notGraded);
    if (!(pointsPossible > 0) || Double.isInfinite(pointsPossible)) {
      throw new IllegalArgumentException("points possible must be above 0: " + pointsPossible);
    }
  }

  /**
   * The grades of {@code run}, each score as graded or, with {@code points}, scaled to it: score /
   * maximum x points, rounded to hundredths.
   *
   * @throws RefusedInputException when the submissions were graded out of different totals and no
   *     {@code points} make them one scale, or one student is in two submissions
   */
  public static Grades of(GradedRun run, OptionalDouble points) {
    double possible = points.isPresent() ? points.getAsDouble() : commonMaximum(run.sheets());
    List<StudentGrade> grades = new ArrayList<>();
    List<String> withoutStudents = new ArrayList<>();
    List<NoCode> noCode = new ArrayList<>();
    for (Scoresheet sheet : run.sheets()) {
      if (sheet.noCode()) {
        noCode.add(new NoCode(sheet.id(), sheet.students(), sheet.firstProblem()));
        continue;
      }
      if (sheet.students().isEmpty()) {
        withoutStudents.add(sheet.id());
        continue;
      }
      double score = sheet.score();
      if (points.isPresent()) {
        score = sheet.maxScore() > 0 ? hundredths(score / sheet.maxScore() * possible) : 0;
      }
      double inScale = score;
      sheet
          .students()
          .forEach(student -> grades.add(new StudentGrade(student, sheet.id(), inScale)));
    }
    refuseTwice(grades);
    return new Grades(grades, possible, points.isPresent(), withoutStudents, noCode, run.errors());
  }

  private static double commonMaximum(List<Scoresheet> sheets) {
    Map<Double, List<String>> byMaximum = new TreeMap<>();
    sheets.forEach(
        sheet ->
            byMaximum.computeIfAbsent(sheet.maxScore(), m -> new ArrayList<>()).add(sheet.id()));
    if (byMaximum.size() > 1) {
      throw new RefusedInputException(
          "the submissions were graded out of different totals ("
              + byMaximum.entrySet().stream()
                  .map(
                      e ->
                          SpreadsheetCells.number(e.getKey())
                              + " for "
                              + e.getValue().get(0)
                              + (e.getValue().size() > 1
                                  ? " and " + (e.getValue().size() - 1) + " more"
                                  : ""))
                  .collect(Collectors.joining(", "))
              + "): give --points P to scale each score to P");
    }
    return byMaximum.isEmpty() ? 1 : byMaximum.keySet().iterator().next();
  }

  /** An LMS keeps one grade per student: a student in two submissions is the TA's to settle. */
  private static void refuseTwice(List<StudentGrade> grades) {
    Map<String, StudentGrade> seen = new LinkedHashMap<>();
    for (StudentGrade grade : grades) {
      Student student = grade.student();
      String key =
          student.id().isEmpty()
              ? "name " + student.name() + " " + student.email()
              : student.idKind() + " " + student.id();
      if (student.id().isEmpty() && student.name().isEmpty() && student.email().isEmpty()) {
        continue;
      }
      StudentGrade earlier = seen.putIfAbsent(key, grade);
      if (earlier != null) {
        throw new RefusedInputException(
            grade.who()
                + " handed in submissions "
                + earlier.submission()
                + " and "
                + grade.submission()
                + ": an LMS keeps one grade per student; remove the one that does not count from"
                + " the results folder, or grade only the other");
      }
    }
  }

  private static double hundredths(double points) {
    return BigDecimal.valueOf(points).setScale(2, RoundingMode.HALF_UP).doubleValue();
  }
}
