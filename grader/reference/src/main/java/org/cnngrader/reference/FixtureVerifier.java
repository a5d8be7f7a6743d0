package org.cnngrader.reference;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.cnngrader.bounds.LayerBounds;
import org.cnngrader.compare.BoundedDifference;
import org.cnngrader.compare.ElementBounds;
import org.cnngrader.compare.SumErrorBound;
import org.cnngrader.fixture.Fixture;
import org.cnngrader.fixture.FixtureException;
import org.cnngrader.fixture.FixtureFiles;
import org.cnngrader.fixture.MistakeReference;
import org.cnngrader.layer.KnownMistake;
import org.cnngrader.tensor.Shape;
import org.cnngrader.tensor.Tensor;

/**
 * Recomputes every expected tensor of a fixtures root, and every known mistake's, with ND4J and
 * reports each file whose stored values differ from ND4J's by more than rounding can explain (each
 * element's bound from the error analysis of its sum, see {@link SumErrorBound}), whose mistakes
 * are not those {@code generate} stores, that cannot be read, or whose shapes break the output-size
 * formula (checked when the fixture is read). A fixture that stores no mistakes, as one made by
 * another tool, verifies with a note.
 */
public final class FixtureVerifier {

  /**
   * One file's verdict: {@code problems} is empty when it agrees with ND4J; {@code notes} say what
   * it lacks without being wrong; {@code maxRatio} is the largest difference from ND4J as a share
   * of its rounding bound, over every tensor compared (at most 1 when it agrees); {@code
   * recomputed}: its values were recomputed with ND4J (a described layer's are read and their
   * shapes checked, their values being the PyTorch script's to check).
   */
  public record FileReport(
      Path file, List<String> problems, List<String> notes, double maxRatio, boolean recomputed) {
    public FileReport {
      problems = List.copyOf(problems);
      notes = List.copyOf(notes);
    }

    /** A file whose values were recomputed with ND4J, or that could not be read. */
    public FileReport(Path file, List<String> problems, List<String> notes, double maxRatio) {
      this(file, problems, notes, maxRatio, true);
    }

    public boolean agrees() {
      return problems.isEmpty();
    }
  }

  private FixtureVerifier() {}

  /** Verifies every fixture file below a fixtures root; a root without any is a problem too. */
  public static List<FileReport> verify(Path root) {
    return verify(root, FixtureFiles.all(root));
  }

  /**
   * Verifies the fixture files of one layer of a fixtures root (its folder {@code root/layerId}); a
   * layer without any is a problem too.
   */
  public static List<FileReport> verifyLayer(Path root, String layerId) {
    List<FileReport> reports =
        verify(
            root,
            FixtureFiles.all(root).stream().filter(f -> f.layer().id().equals(layerId)).toList());
    if (reports.size() == 1 && reports.get(0).file().equals(root)) {
      return List.of(
          new FileReport(
              root.resolve(layerId),
              List.of(root.resolve(layerId) + ": no fixtures in its public/ or hidden/ folder"),
              List.of(),
              0));
    }
    return reports;
  }

  private static List<FileReport> verify(Path root, List<FixtureFiles.Located> files) {
    List<FileReport> reports = new ArrayList<>();
    for (FixtureFiles.Located found : files) {
      reports.add(verifyFile(root, found));
    }
    reports = withRepeatedNames(files, reports);
    if (reports.isEmpty()) {
      reports.add(new FileReport(root, List.of(FixtureFiles.noFixtures(root)), List.of(), 0));
    }
    return reports;
  }

  /** Case names must be unique across a layer's public and hidden fixtures, as grading requires. */
  private static List<FileReport> withRepeatedNames(
      List<FixtureFiles.Located> files, List<FileReport> reports) {
    Map<String, Path> firstByName = new HashMap<>();
    List<FileReport> checked = new ArrayList<>();
    for (int i = 0; i < reports.size(); i++) {
      FileReport report = reports.get(i);
      String name = files.get(i).layer().id() + "/" + caseName(report.file());
      Path first = firstByName.putIfAbsent(name, report.file());
      if (first == null) {
        checked.add(report);
        continue;
      }
      List<String> problems = new ArrayList<>(report.problems());
      problems.add(report.file() + ": name: case " + name + " is already defined by " + first);
      checked.add(
          new FileReport(
              report.file(), problems, report.notes(), report.maxRatio(), report.recomputed()));
    }
    return checked;
  }

  /**
   * The case's name: its file's name, which {@code generate} writes and grading requires unique.
   */
  private static String caseName(Path file) {
    String fileName = file.getFileName().toString();
    return fileName.substring(0, fileName.length() - ".json".length());
  }

  static FileReport verifyFile(Path root, FixtureFiles.Located located) {
    Path file = located.file();
    Fixture fixture;
    try {
      fixture = FixtureFiles.read(located);
    } catch (FixtureException e) {
      return new FileReport(file, List.of(e.getMessage()), List.of(), Double.POSITIVE_INFINITY);
    }
    return verifyFixture(root, file, fixture);
  }

  /** Verifies a fixture already read from {@code file}, below the fixtures root {@code root}. */
  static FileReport verifyFixture(Path root, Path file, Fixture fixture) {
    if (LayerReferences.find(fixture.layer()).isEmpty()) {
      return verifyDescribed(root, file, fixture);
    }
    LayerReference reference = LayerReferences.of(fixture.layer());
    Map<String, Tensor> recomputed = reference.expected(fixture.params(), fixture.inputs());
    LayerBounds bounds = fixture.layer().bounds(fixture.params(), fixture.inputs());
    Checks checks = new Checks(file);
    for (String tensor : fixture.expected().keySet()) {
      checks.compare(
          "expected." + tensor,
          fixture.expected(tensor),
          recomputed.get(tensor),
          bounds.of(tensor));
    }
    if (fixture.storesMistakes()) {
      checkMistakes(fixture, reference, recomputed, checks);
    } else {
      checks.notes.add(
          file
              + ": stores no diagnosis references (no \"mistakes\"), so a wrong tensor in this case"
              + " gets no \"Likely mistake:\" line; grader fixtures complete "
              + root
              + " adds them");
    }
    return new FileReport(file, checks.problems, checks.notes, checks.maxRatio);
  }

  /**
   * A described layer's fixture: reading it checked its fields and every shape against the layer's
   * formulas; its values are the script's to recompute, but its stored gradients are checked here
   * against the centred differences of its forward that the script stored ({@link GradientProbes}).
   */
  private static FileReport verifyDescribed(Path root, Path file, Fixture fixture) {
    String values =
        file
            + ": "
            + fixture.layer().id()
            + " has no Java reference; its values are checked by the script that wrote them"
            + " (fixtures/tools/pytorch_fixtures.py LAYER_DIR --check)";
    if (fixture.layer().contract().backprop() == null) {
      return new FileReport(file, List.of(), List.of(values), 0, false);
    }
    Path folder = root.resolve(fixture.layer().id());
    Optional<GradientProbes> probes = GradientProbes.in(folder);
    if (probes.isEmpty()) {
      return new FileReport(
          file,
          List.of(),
          List.of(
              values
                  + "; its gradients are not checked against its forward: "
                  + folder.resolve(GradientProbes.FILE)
                  + ", which the script writes, is missing"),
          0,
          false);
    }
    GradientProbes.Outcome outcome = probes.get().check(fixture, file);
    return new FileReport(
        file,
        outcome.problems(),
        List.of(
            String.format(
                Locale.ROOT,
                "%s; its gradients agree with the centred differences of its forward at %d"
                    + " elements (largest difference/allowed %.2g)",
                values,
                outcome.probes(),
                outcome.maxRatio())),
        outcome.maxRatio(),
        false);
  }

  /**
   * The stored references of known mistakes must be exactly those that {@code generate} stores,
   * each agreeing with ND4J: a missing one could let another mistake's diagnosis stand in for it.
   */
  private static void checkMistakes(
      Fixture fixture, LayerReference reference, Map<String, Tensor> recomputed, Checks checks) {
    Map<KnownMistake, MistakeReference> wanted =
        MistakeSelection.select(
            reference.mistakes(fixture.params(), fixture.inputs()),
            recomputed,
            fixture.tolerance());
    Map<KnownMistake, Map<String, Tensor>> bounds =
        reference.mistakeBounds(fixture.params(), fixture.inputs());
    for (KnownMistake mistake : fixture.layer().mistakes()) {
      for (String tensor : fixture.expected().keySet()) {
        String field = "mistakes." + mistake.key() + "." + tensor;
        Optional<Tensor> stored = fixture.mistakeReference(mistake, tensor);
        Optional<Tensor> computed =
            Optional.ofNullable(wanted.get(mistake)).flatMap(r -> r.tensor(tensor));
        if (stored.isPresent() && computed.isEmpty()) {
          checks.problems.add(
              checks.file
                  + ": "
                  + field
                  + ": stored, but ND4J's "
                  + tensor
                  + " for this mistake has another shape, equals expected."
                  + tensor
                  + " or holds more than "
                  + MistakeSelection.MAX_STORED_VALUES
                  + " values");
        } else if (stored.isEmpty() && computed.isPresent()) {
          checks.problems.add(
              checks.file
                  + ": "
                  + field
                  + ": missing; ND4J's "
                  + tensor
                  + " for this mistake differs from expected."
                  + tensor
                  + " (fixtures generate writes it)");
        } else if (stored.isPresent()) {
          checks.compare(
              field,
              stored.get(),
              computed.get(),
              ElementBounds.of(bounds.get(mistake).get(tensor)));
        }
      }
    }
  }

  /** What the checks of one file found, and the largest difference/bound ratio among them. */
  private static final class Checks {
    private final Path file;
    private final List<String> problems = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private double maxRatio;

    Checks(Path file) {
      this.file = file;
    }

    void compare(String field, Tensor stored, Tensor recomputed, ElementBounds bounds) {
      BoundedDifference d = BoundedDifference.of(stored, recomputed, bounds);
      maxRatio = Math.max(maxRatio, d.ratio());
      if (!d.agrees()) {
        problems.add(outsideBound(file, field, d));
      }
    }
  }

  /**
   * "FILE: expected.dw[0][0][1][1]: stored 0.1, ND4J gives 0.2: the difference 0.1 is above the
   * rounding bound 1.2e-15 of this element (8.3e+13 times it; 1 of 9 elements outside their
   * bounds)".
   */
  static String outsideBound(Path file, String field, BoundedDifference d) {
    return String.format(
        Locale.ROOT,
        "%s: %s%s: stored %s, ND4J gives %s: the difference %.3e is above the rounding bound %.3e"
            + " of this element (%.3g times it; %d of %d elements outside their bounds)",
        file,
        field,
        Shape.format(d.worstIndex()),
        d.storedAtWorst(),
        d.recomputedAtWorst(),
        d.differenceAtWorst(),
        d.boundAtWorst(),
        d.ratio(),
        d.elementsOutside(),
        d.elements());
  }
}
