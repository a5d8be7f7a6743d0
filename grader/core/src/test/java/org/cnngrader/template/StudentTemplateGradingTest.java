package org.cnngrader.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.cnngrader.TestRepository;
import org.cnngrader.TestSandbox;
import org.cnngrader.feedback.FeedbackWriter;
import org.cnngrader.fixture.Fixture;
import org.cnngrader.fixture.FixtureSet;
import org.cnngrader.fixture.Visibility;
import org.cnngrader.grading.GradingOptions;
import org.cnngrader.grading.SubmissionGrader;
import org.cnngrader.grading.SubmissionResult;
import org.cnngrader.layer.Layer;
import org.cnngrader.layers.Layers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generated template of the built-in layers is graded as the hand-written one: not written. */
class StudentTemplateGradingTest {

  @TempDir Path temp;

  @Test
  void theGeneratedTemplateIsGradedAsTheHandWrittenOneWithEveryPartNotWrittenYet()
      throws Exception {
    Javac.write(temp.resolve("generated"), StudentTemplate.of(Layers.builtIn().all()));
    SubmissionGrader grader =
        new SubmissionGrader(
            firstPublicCaseOfEachLayer(), GradingOptions.DEFAULT, TestSandbox.strongest());

    SubmissionResult generated = grader.grade("generated", temp.resolve("generated"));
    SubmissionResult handWritten =
        grader.grade("hand-written", TestRepository.root().resolve("student-template"));

    assertThat(feedback(generated)).isEqualTo(feedback(handWritten));
    assertThat(generated.parts()).hasSize(handWritten.parts().size()).isNotEmpty();
    assertThat(generated.score()).isZero();
    assertThat(generated.parts())
        .allSatisfy(p -> assertThat(FeedbackWriter.describe(p)).contains("is not implemented yet"));
  }

  /** One public case per layer: every layer's members, in a few seconds. */
  private static FixtureSet firstPublicCaseOfEachLayer() {
    FixtureSet all = TestRepository.fixtures();
    List<Fixture> chosen = new ArrayList<>();
    for (Layer layer : Layers.builtIn().all()) {
      all.fixtures().stream()
          .filter(f -> f.layer().equals(layer) && f.visibility() == Visibility.PUBLIC)
          .findFirst()
          .ifPresent(chosen::add);
    }
    assertThat(chosen).hasSize(Layers.builtIn().all().size());
    return new FixtureSet(chosen, all.sha256());
  }

  /** Each part's case, key and feedback, in order. */
  private static List<String> feedback(SubmissionResult result) {
    return result.parts().stream()
        .map(p -> p.fixture().name() + " " + p.part().key() + ": " + FeedbackWriter.describe(p))
        .toList();
  }
}
