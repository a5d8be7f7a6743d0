package org.cnngrader.grading;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.cnngrader.TestRepository;
import org.cnngrader.diagnosis.Diagnosis;
import org.cnngrader.diagnosis.UnfinishedBackward;
import org.cnngrader.layer.KnownMistake;
import org.cnngrader.layer.Layer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The measure of how well the feedback knows the mistakes: every example submission graded, each
 * known mistake of every layer counted as named when the hand-in written with it gets its hint, and
 * no hint anywhere that names a mistake the hand-in does not make. What each hand-in does wrong is
 * what {@link MistakeDiagnosisTest} declares; a folder it does not declare must get no hint at all.
 * Everything else (the layers, their mistakes, the folders) is read from the repository.
 */
class MistakeCoverageTest {

  /** Where docs/grading.md's table puts a mistake told by a rule of every layer. */
  private static final String EVERY_LAYER = "every layer";

  @TempDir Path temp;

  /** A hand-in, the mistake it makes (none for a correct one or a wrong one of another kind). */
  private record Declared(MistakeDiagnosisTest.Submission submission, KnownMistake mistake) {}

  /** A hint given: the layer, the mistake, and the part it was given on. */
  private record Hint(Layer layer, KnownMistake mistake, String part) {}

  @Test
  void everyExampleNamesOnlyItsOwnMistakeAndTheCoverageIsCounted() throws Exception {
    Map<String, Declared> declared = declaredBySubmission();
    List<String> falseHints = new ArrayList<>();
    List<String> unnamed = new ArrayList<>();
    Set<String> named = new LinkedHashSet<>();
    Set<String> partial = new LinkedHashSet<>();
    for (Declared hand : declared.values()) {
      SubmissionResult result = hand.submission().graded(temp);
      partial.addAll(partialHints(result));
      List<Hint> hints = hintsOf(result);
      for (Hint hint : hints) {
        if (!hint.mistake().equals(hand.mistake())) {
          falseHints.add(hand.submission() + ": " + hint.part() + " names " + hint.mistake().key());
        }
      }
      if (hand.mistake() != null) {
        Optional<Hint> own =
            hints.stream().filter(h -> h.mistake().equals(hand.mistake())).findFirst();
        if (own.isEmpty()) {
          unnamed.add(hand.submission() + " (" + hand.mistake().key() + ")");
        } else {
          named.add(keyOf(own.get().layer(), hand.mistake()));
        }
      }
    }
    List<String> known = knownMistakes();
    List<String> withoutExample = known.stream().filter(key -> !named.contains(key)).toList();
    System.out.printf(
        "Mistake coverage: %d of %d known mistakes named by an example hand-in (%d hand-ins graded,"
            + " %d hints that explain part of a layer's failure: %s); no example names %s; false"
            + " hints: %d%n",
        named.size(),
        known.size(),
        declared.size(),
        partial.size(),
        partial,
        withoutExample.isEmpty() ? "none" : String.join(", ", withoutExample),
        falseHints.size());

    assertThat(falseHints).as("hints that name a mistake the hand-in does not make").isEmpty();
    assertThat(unnamed).as("hand-ins whose own mistake is not named").isEmpty();
    assertThat(named.size()).isLessThanOrEqualTo(known.size());
  }

  @Test
  void docsListEveryMistakeTheGraderKnows() throws IOException {
    List<String> rows =
        Files.readAllLines(TestRepository.root().resolve("docs").resolve("grading.md")).stream()
            .filter(line -> line.startsWith("| "))
            .toList();

    List<String> missing =
        knownMistakes().stream()
            .filter(
                key -> {
                  int slash = key.indexOf('/');
                  String layer = key.substring(0, slash);
                  String row =
                      "| "
                          + (layer.equals(EVERY_LAYER) ? layer : "`" + layer + "`")
                          + " | `"
                          + key.substring(slash + 1)
                          + "` |";
                  return rows.stream().noneMatch(line -> line.startsWith(row));
                })
            .toList();

    assertThat(missing).as("mistakes without a row in docs/grading.md").isEmpty();
  }

  /**
   * Every folder of example submissions, with its mistake as {@link MistakeDiagnosisTest} declares
   * it, and the hand-ins it builds by editing one; a folder it does not declare makes none.
   */
  private static Map<String, Declared> declaredBySubmission() throws IOException {
    Map<String, Declared> declared = new LinkedHashMap<>();
    MistakeDiagnosisTest.typicalMistakes()
        .map(arguments -> arguments.get())
        .forEach(
            a -> {
              var submission = (MistakeDiagnosisTest.Submission) a[0];
              declared.put(submission.name(), new Declared(submission, (KnownMistake) a[1]));
            });
    MistakeDiagnosisTest.untypical()
        .forEach(s -> declared.putIfAbsent(s.name(), new Declared(s, null)));
    try (Stream<Path> folders = Files.list(TestRepository.fixturesRoot().resolve("submissions"))) {
      for (Path folder : folders.filter(Files::isDirectory).sorted().toList()) {
        String name = folder.getFileName().toString();
        declared.putIfAbsent(
            name, new Declared(MistakeDiagnosisTest.Submission.example(name), null));
      }
    }
    return declared;
  }

  /**
   * "conv2d/stride-ignored" for each mistake of each layer the fixtures grade, and "every
   * layer/backward-returns-zeros" for each of the rule that every layer's backward is told by.
   */
  private static List<String> knownMistakes() {
    List<String> known =
        TestRepository.fixtures().layers().stream()
            .flatMap(layer -> layer.mistakes().stream().map(m -> keyOf(layer, m)))
            .collect(Collectors.toList());
    for (UnfinishedBackward rule : UnfinishedBackward.values()) {
      known.add(EVERY_LAYER + "/" + rule.key());
    }
    return known;
  }

  /** The mistake's key, under its layer's id, or under every layer's for a rule of all. */
  private static String keyOf(Layer layer, KnownMistake mistake) {
    return (mistake instanceof UnfinishedBackward ? EVERY_LAYER : layer.id()) + "/" + mistake.key();
  }

  private static List<Hint> hintsOf(SubmissionResult result) {
    List<Hint> hints = new ArrayList<>();
    for (PartResult part : result.parts()) {
      MistakeDiagnosisTest.diagnosis(part)
          .ifPresent(d -> hints.add(new Hint(part.fixture().layer(), d.mistake(), part.name())));
    }
    return hints;
  }

  /** "mistake-x: spatial_batchnorm/key explains 2 of 9 failing cases", once per mistake. */
  private static Set<String> partialHints(SubmissionResult result) {
    Set<String> partial = new LinkedHashSet<>();
    for (PartResult part : result.parts()) {
      Optional<Diagnosis> d = MistakeDiagnosisTest.diagnosis(part);
      if (d.isPresent() && d.get().reach() != null && d.get().reach().partial()) {
        partial.add(
            String.format(
                "%s: %s/%s explains %d of %d failing cases",
                result.id(),
                part.fixture().layer().id(),
                d.get().mistake().key(),
                d.get().reach().casesExplained(),
                d.get().reach().casesFailing()));
      }
    }
    return partial;
  }
}
