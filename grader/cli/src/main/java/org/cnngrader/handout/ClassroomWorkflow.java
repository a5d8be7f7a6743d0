package org.cnngrader.handout;

import java.util.List;
import java.util.stream.Collectors;
import org.cnngrader.classroom.ClassroomRunner;
import org.cnngrader.feedback.FeedbackWriter;

/**
 * The template repository's {@code .github/workflows/classroom.yml}: on every push it runs the
 * pre-submit check ({@code mvn test}), then passes each layer's points, which the check wrote to
 * {@code target/classroom/<runner>.json}, to GitHub Classroom's grading reporter in base64 ({@code
 * <RUNNER>_RESULTS}, as its {@code main.js} reads them). A layer whose file the check did not write
 * (the code does not compile) gets the repository's {@code .github/classroom/<runner>.json}: none
 * of its points, status error.
 */
final class ClassroomWorkflow {

  static final String PATH = ".github/workflows/classroom.yml";

  /** Where the handout's pom.xml has the check write each layer's points. */
  static final String RESULTS = "target/classroom/";

  /** Where each layer's result lies for a run in which the check wrote none. */
  static final String NOT_RUN = ".github/classroom/";

  /** The step whose outputs hold every layer's result, in base64. */
  static final String POINTS_STEP = "points";

  // Actions are pinned to a commit, so that what runs on a student's push cannot change under
  // the course; the comment says which release it is.
  static final String CHECKOUT = "actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1";
  static final String CHECKOUT_RELEASE = "v7.0.1";
  static final String SETUP_JAVA = "actions/setup-java@b6effb05e454b25005698d916606bdc6ffcbf961";
  static final String SETUP_JAVA_RELEASE = "v5.7.0";

  // The reporter too: the release whose code was run on what the check writes (docs/classroom.md).
  static final String REPORTER =
      "classroom-resources/autograding-grading-reporter@d13b5912daf5042ac1b71bc38bdb4a6bcd61d8ca";
  static final String REPORTER_RELEASE = "v1";

  /** A layer as the workflow names it, with the points of its public cases. */
  record Layer(ClassroomRunner runner, double maxScore) {}

  private ClassroomWorkflow() {}

  static String text(List<Layer> layers, String graderVersion) {
    String ids = layers.stream().map(l -> l.runner().id()).collect(Collectors.joining(" "));
    String env =
        layers.stream()
            .map(
                l ->
                    String.format(
                        "          %s: ${{ steps.%s.outputs.%s }}%n",
                        l.runner().resultsVariable(), POINTS_STEP, l.runner().id()))
            .collect(Collectors.joining());
    String points =
        layers.stream()
            .map(l -> l.runner().layer().title() + " " + FeedbackWriter.points(l.maxScore()))
            .collect(Collectors.joining(", "));
    return """
        # GitHub Classroom's autograding, written by `grader classroom` (grader %s).
        # On every push: the pre-submit check on the public cases, then each layer's points sent to
        # Classroom by its grading reporter (%s).
        # The final grade also uses hidden cases, which this repository does not hold.
        name: Autograding Tests
        "on":
          - push
          - workflow_dispatch
          - repository_dispatch
        permissions:
          checks: write
          actions: read
          contents: read
        jobs:
          run-autograding-tests:
            runs-on: ubuntu-latest
            # The repository's first commit, made by Classroom itself, is not graded.
            if: github.actor != 'github-classroom[bot]'
            timeout-minutes: 15
            steps:
              - name: Checkout code
                uses: %s # %s
              - name: Set up JDK 17
                uses: %s # %s
                with:
                  distribution: temurin
                  java-version: "17"
                  cache: maven
              - name: Pre-submit check
                id: check
                # A failing part fails this step; the reporter below still sends the points.
                continue-on-error: true
                run: mvn -B -q test
              - name: Points per layer
                id: %s
                if: always()
                run: |
                  for runner in %s; do
                    file="%s$runner.json"
                    if [ ! -f "$file" ]; then file="%s$runner.json"; fi
                    echo "$runner=$(base64 -w 0 "$file")" >> "$GITHUB_OUTPUT"
                  done
              - name: Autograding Reporter
                if: always()
                uses: %s # %s
                env:
        %s        with:
                  runners: %s
        """
        .formatted(
            graderVersion,
            points,
            CHECKOUT,
            CHECKOUT_RELEASE,
            SETUP_JAVA,
            SETUP_JAVA_RELEASE,
            POINTS_STEP,
            ids,
            RESULTS,
            NOT_RUN,
            REPORTER,
            REPORTER_RELEASE,
            env,
            layers.stream().map(l -> l.runner().id()).collect(Collectors.joining(",")));
  }
}
