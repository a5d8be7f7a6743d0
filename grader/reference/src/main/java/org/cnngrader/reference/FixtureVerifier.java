package org.cnngrader.reference;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.cnngrader.compare.RelativeError;
import org.cnngrader.compare.ValueComparison;
import org.cnngrader.fixture.Fixture;
import org.cnngrader.fixture.FixtureException;
import org.cnngrader.fixture.FixtureFiles;
import org.cnngrader.fixture.KnownMistake;
import org.cnngrader.fixture.MistakeReference;
import org.cnngrader.fixture.Visibility;
import org.cnngrader.tensor.Shape;
import org.cnngrader.tensor.Tensor;

/**
 * Recomputes every expected tensor of a fixtures root, and every known mistake's, with ND4J and
 * reports each file whose stored values disagree by more than a relative error of 1e-12, whose
 * mistakes are not those {@code generate} stores, that cannot be read, or whose shapes break the
 * output-size formula (checked when the fixture is read).
 */
public final class FixtureVerifier {

  public static final double THRESHOLD = 1e-12;

  /** One file's verdict: {@code problems} is empty when it agrees with ND4J. */
  public record FileReport(Path file, List<String> problems, double maxError) {
    public FileReport {
      problems = List.copyOf(problems);
    }

    public boolean agrees() {
      return problems.isEmpty();
    }
  }

  private FixtureVerifier() {}

  /** Verifies every fixture file below a fixtures root; a root without any is a problem too. */
  public static List<FileReport> verify(Path root) {
    List<FileReport> reports = new ArrayList<>();
    for (Visibility visibility : Visibility.values()) {
      for (Path file : FixtureFiles.jsonFiles(FixtureFiles.folder(root, visibility))) {
        reports.add(verifyFile(file, visibility));
      }
    }
    reports = withRepeatedNames(reports);
    if (reports.isEmpty()) {
      reports.add(
          new FileReport(
              root, List.of(root + ": no fixtures below conv2d/public/ or conv2d/hidden/"), 0));
    }
    return reports;
  }

  /** Case names must be unique across public and hidden fixtures, as grading requires. */
  private static List<FileReport> withRepeatedNames(List<FileReport> reports) {
    Map<String, Path> firstByName = new HashMap<>();
    List<FileReport> checked = new ArrayList<>();
    for (FileReport report : reports) {
      String name = caseName(report.file());
      Path first = firstByName.putIfAbsent(name, report.file());
      if (first == null) {
        checked.add(report);
        continue;
      }
      List<String> problems = new ArrayList<>(report.problems());
      problems.add(report.file() + ": name: case " + name + " is already defined by " + first);
      checked.add(new FileReport(report.file(), problems, report.maxError()));
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

  static FileReport verifyFile(Path file, Visibility visibility) {
    Fixture fixture;
    try {
      fixture = FixtureFiles.read(file, visibility);
    } catch (FixtureException e) {
      return new FileReport(file, List.of(e.getMessage()), Double.POSITIVE_INFINITY);
    }
    Fixture.Inputs in = fixture.inputs();
    Tensor out = Nd4jConv2d.forward(in.x(), in.w(), in.b(), fixture.params());
    Nd4jConv2d.Backward backward =
        Nd4jConv2d.backward(in.x(), in.w(), in.b(), in.dout(), fixture.params());
    List<String> problems = new ArrayList<>();
    double maxError = 0;
    maxError =
        Math.max(maxError, check(file, "expected.out", fixture.expected().out(), out, problems));
    maxError =
        Math.max(
            maxError, check(file, "expected.dx", fixture.expected().dx(), backward.dx(), problems));
    maxError =
        Math.max(
            maxError, check(file, "expected.dw", fixture.expected().dw(), backward.dw(), problems));
    maxError =
        Math.max(
            maxError, check(file, "expected.db", fixture.expected().db(), backward.db(), problems));
    Fixture.Expected recomputed =
        new Fixture.Expected(out, backward.dx(), backward.dw(), backward.db());
    maxError = Math.max(maxError, checkMistakes(file, fixture, recomputed, problems));
    return new FileReport(file, problems, maxError);
  }

  /**
   * The stored references of known mistakes must be exactly those that {@code generate} stores,
   * each agreeing with ND4J: a missing one could let another mistake's diagnosis stand in for it.
   */
  private static double checkMistakes(
      Path file, Fixture fixture, Fixture.Expected recomputed, List<String> problems) {
    Map<KnownMistake, MistakeReference> wanted =
        MistakeModels.references(
            fixture.inputs(), fixture.params(), recomputed, fixture.tolerance());
    double maxError = 0;
    for (KnownMistake mistake : KnownMistake.values()) {
      for (String tensor : MistakeReference.TENSORS) {
        String field = "mistakes." + mistake.key() + "." + tensor;
        Optional<Tensor> stored = fixture.mistakeReference(mistake, tensor);
        Optional<Tensor> computed =
            Optional.ofNullable(wanted.get(mistake)).flatMap(r -> r.tensor(tensor));
        if (stored.isPresent() && computed.isEmpty()) {
          problems.add(
              file
                  + ": "
                  + field
                  + ": stored, but ND4J's "
                  + tensor
                  + " for this mistake has another shape, equals expected."
                  + tensor
                  + " or holds more than "
                  + MistakeModels.MAX_STORED_VALUES
                  + " values");
        } else if (stored.isEmpty() && computed.isPresent()) {
          problems.add(
              file
                  + ": "
                  + field
                  + ": missing; ND4J's "
                  + tensor
                  + " for this mistake differs from expected."
                  + tensor
                  + " (fixtures generate writes it)");
        } else if (stored.isPresent()) {
          maxError = Math.max(maxError, check(file, field, stored.get(), computed.get(), problems));
        }
      }
    }
    return maxError;
  }

  private static double check(
      Path file, String field, Tensor stored, Tensor recomputed, List<String> problems) {
    ValueComparison c = RelativeError.compare(recomputed, stored, THRESHOLD);
    if (!c.passed()) {
      problems.add(
          String.format(
              "%s: %s%s: stored %s, ND4J gives %s (relative error %.3e > %.0e; %d of %d elements disagree)",
              file,
              field,
              Shape.format(c.worstIndex()),
              c.actualAtWorst(),
              c.expectedAtWorst(),
              c.maxError(),
              THRESHOLD,
              c.elementsOff(),
              c.elements()));
    }
    return c.maxError();
  }
}
