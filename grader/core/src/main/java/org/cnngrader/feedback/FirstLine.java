package org.cnngrader.feedback;

import org.cnngrader.grading.PartResult;
import org.cnngrader.runner.Excerpt;

/**
 * A part in one line, for the places that show one line per part beside the whole feedback
 * elsewhere: its name and points, and the first line of its feedback, cut to a length and saying
 * so. The first line may quote a student's exception message, which has no length of its own.
 */
public final class FirstLine {

  private FirstLine() {}

  /** The first line of the part's feedback, at most {@code length} characters of it. */
  public static String of(PartResult part, int length) {
    return Excerpt.cut(FeedbackWriter.describe(part).lines().findFirst().orElse("failed"), length);
  }

  /**
   * What is wrong with the part, in the first words of its feedback: its first line up to the first
   * {@code ": "} or {@code " ("}, where the details start ("out is wrong", "forward threw
   * java.lang.IllegalStateException", "forward is not implemented yet"), at most {@code length}
   * characters of it. A message a student's code threw is a detail: it is left out.
   */
  public static String gist(PartResult part, int length) {
    return gist(FeedbackWriter.describe(part).lines().findFirst().orElse("failed"), length);
  }

  static String gist(String line, int length) {
    int end = line.length();
    for (String details : new String[] {": ", " ("}) {
      int at = line.indexOf(details);
      if (at > 0) {
        end = Math.min(end, at);
      }
    }
    String words = line.substring(0, end);
    return Excerpt.cut(
        words.endsWith(":") ? words.substring(0, words.length() - 1) : words, length);
  }

  /**
   * The part's name with the points it is worth, as the check names its test and GitHub Classroom's
   * reporter its line: {@code conv2d/lesson-5x5-s1-p1: forward values (2 points)}.
   */
  public static String nameWithPoints(PartResult part) {
    String points = FeedbackWriter.points(part.maxScore());
    return part.name() + " (" + points + (part.maxScore() == 1 ? " point)" : " points)");
  }
}
