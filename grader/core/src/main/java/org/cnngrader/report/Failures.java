package org.cnngrader.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cnngrader.feedback.FeedbackWriter;
import org.cnngrader.grading.PartResult;
import org.cnngrader.grading.SubmissionResult;

/**
 * The failing parts of a submission grouped by their feedback: one exception thrown in every case
 * is one entry naming all the parts it cost, not 130 copies.
 */
final class Failures {

  /** One feedback text and the parts, in grading order, that share it. */
  record Group(String feedback, List<PartResult> parts) {
    Group {
      parts = List.copyOf(parts);
    }
  }

  private static final int NAMED = 3;

  private Failures() {}

  /** The groups, each feedback cut to what is left of {@code budget}. */
  static List<Group> grouped(SubmissionResult result, TextBudget budget) {
    Map<String, List<PartResult>> byFeedback = new LinkedHashMap<>();
    for (PartResult part : result.parts()) {
      if (!part.passed()) {
        byFeedback
            .computeIfAbsent(FeedbackWriter.describe(part), text -> new ArrayList<>())
            .add(part);
      }
    }
    List<Group> groups = new ArrayList<>();
    byFeedback.forEach((feedback, parts) -> groups.add(new Group(budget.take(feedback), parts)));
    return groups;
  }

  /** "case: part", or the first few names and how many more share the feedback. */
  static String title(Group group) {
    List<PartResult> parts = group.parts();
    List<String> names = parts.stream().limit(NAMED).map(PartResult::name).toList();
    String title = String.join("; ", names);
    return parts.size() > NAMED ? title + "; and " + (parts.size() - NAMED) + " more parts" : title;
  }
}
