package org.cnngrader.report;

import java.util.stream.Collectors;
import org.cnngrader.grading.SubmissionResult;

/** "Conv2d results", "Conv2d and MaxPool2d results": what a report covers, by the layers graded. */
final class ResultsTitle {

  private ResultsTitle() {}

  static String of(SubmissionResult result) {
    java.util.List<String> titles =
        result.parts().stream().map(p -> p.fixture().layer().title()).distinct().toList();
    String names =
        titles.size() <= 1
            ? titles.stream().findFirst().orElse("Layer")
            : titles.subList(0, titles.size() - 1).stream().collect(Collectors.joining(", "))
                + " and "
                + titles.get(titles.size() - 1);
    return names + " results";
  }
}
