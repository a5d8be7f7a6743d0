package org.cnngrader.reference;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.cnngrader.fixture.Fixture;
import org.cnngrader.fixture.FixtureException;
import org.cnngrader.fixture.FixtureFiles;
import org.cnngrader.fixture.MistakeReference;
import org.cnngrader.layer.KnownMistake;

/**
 * Adds ND4J's references of known mistakes to fixtures that store none, such as those written from
 * NumPy or PyTorch, so that grading can name a student's likely mistake. Inputs and expected values
 * are kept as they are (the same doubles, rewritten in the canonical layout); a fixture whose
 * expected values ND4J does not reproduce within their rounding bounds is left untouched, since
 * mistakes modelled on other inputs or another layer would mislead.
 */
public final class FixtureCompleter {

  /** What became of one fixture file. */
  public sealed interface Outcome {
    Path file();
  }

  /** References of {@code mistakes} known mistakes were added. */
  public record Completed(Path file, int mistakes) implements Outcome {}

  /** The file already stores references (possibly none that apply), and was not rewritten. */
  public record AlreadyComplete(Path file) implements Outcome {}

  /** The file was left as it was, for these reasons (each naming the file and field). */
  public record Refused(Path file, List<String> problems) implements Outcome {
    public Refused {
      problems = List.copyOf(problems);
    }
  }

  private FixtureCompleter() {}

  /**
   * Completes every fixture below a fixtures root, file by file: one that cannot be completed costs
   * only itself.
   */
  public static List<Outcome> complete(Path root) {
    List<Outcome> outcomes = new ArrayList<>();
    for (FixtureFiles.Located found : FixtureFiles.all(root)) {
      outcomes.add(completeFile(root, found));
    }
    if (outcomes.isEmpty()) {
      outcomes.add(new Refused(root, List.of(FixtureFiles.noFixtures(root))));
    }
    return outcomes;
  }

  private static Outcome completeFile(Path root, FixtureFiles.Located located) {
    Path file = located.file();
    Fixture fixture;
    try {
      fixture = FixtureFiles.read(located);
    } catch (FixtureException e) {
      return new Refused(file, List.of(e.getMessage()));
    }
    if (fixture.storesMistakes()) {
      return new AlreadyComplete(file);
    }
    if (LayerReferences.find(fixture.layer()).isEmpty()) {
      return new Refused(
          file,
          List.of(
              file
                  + ": mistakes: "
                  + fixture.layer().id()
                  + " has no Java reference; its mistakes' references come from its PyTorch"
                  + " module (fixtures/tools/pytorch_fixtures.py)"));
    }
    FixtureVerifier.FileReport report = FixtureVerifier.verifyFixture(root, file, fixture);
    if (!report.agrees()) {
      return new Refused(file, report.problems());
    }
    Map<KnownMistake, MistakeReference> references =
        MistakeSelection.select(
            LayerReferences.of(fixture.layer()).mistakes(fixture.params(), fixture.inputs()),
            fixture.expected(),
            fixture.tolerance());
    try {
      FixtureFiles.write(root, fixture.withMistakes(references));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
    return new Completed(file, references.size());
  }
}
