package org.cnngrader.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.cnngrader.fixture.Fixture;
import org.cnngrader.fixture.FixtureFiles;
import org.cnngrader.layer.Layer;
import org.cnngrader.layers.Layers;
import org.cnngrader.reference.CaseList;
import org.cnngrader.reference.CaseSpec;
import org.cnngrader.reference.FixtureCompleter;
import org.cnngrader.reference.FixtureGenerator;
import org.cnngrader.reference.FixtureVerifier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code grader fixtures generate|verify|complete}: the only commands that load ND4J. */
@Command(
    name = "fixtures",
    mixinStandardHelpOptions = true,
    description = "Generates, verifies or completes reference fixtures with ND4J.",
    subcommands = {
      FixturesCommand.Generate.class,
      FixturesCommand.Verify.class,
      FixturesCommand.Complete.class
    })
final class FixturesCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().getErr().println("grader: missing command (generate, verify or complete)");
    spec.commandLine().usage(spec.commandLine().getErr());
    return ExitCode.USAGE;
  }

  @Command(
      name = "generate",
      mixinStandardHelpOptions = true,
      description =
          "Writes one fixture per case of each layer's case list into"
              + " OUT/<layer>/<visibility>/<name>.json, with expected tensors computed by ND4J. The"
              + " same list always gives byte-identical files on one machine.")
  static final class Generate implements Callable<Integer>, GraderCommand.HomeAware {

    @Option(
        names = "--cases",
        paramLabel = "FILE",
        description =
            "One case list, of the layer --layer names (or whose folder it lies in). Default: every"
                + " layer's fixtures/<layer>/cases.json.")
    Path cases;

    @Option(
        names = "--layer",
        paramLabel = "ID",
        description = "The layer whose cases --cases lists: conv2d, maxpool2d, ...")
    String layerId;

    @Option(
        names = "--out",
        paramLabel = "DIR",
        description = "Fixtures root to write. Default: fixtures/.")
    Path out;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    private Path home;

    @Override
    public void home(Path home) {
      this.home = home;
    }

    @Override
    public Integer call() {
      return Guarded.run(
          spec,
          () -> {
            ReferenceLibraries.require("fixtures generate");
            Path root = out != null ? out : home.resolve("fixtures");
            List<CaseList> lists = new ArrayList<>();
            for (Map.Entry<Layer, Path> list : lists().entrySet()) {
              if (!Files.isRegularFile(list.getValue())) {
                throw new UsageException("case list not found: " + list.getValue());
              }
              try {
                lists.add(CaseList.read(list.getValue(), list.getKey()));
              } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage());
              }
            }
            PrintWriter stdout = spec.commandLine().getOut();
            int written = 0;
            for (CaseList caseList : lists) {
              for (CaseSpec spec : caseList.cases()) {
                Fixture fixture = FixtureGenerator.generate(spec);
                Path file = FixtureFiles.write(root, fixture);
                stdout.println("wrote " + file);
                written++;
              }
            }
            stdout.println(written + " fixtures written below " + root);
            return ExitCode.OK;
          });
    }

    /** The case list of each layer to generate: the one given, or every layer's own. */
    private Map<Layer, Path> lists() {
      Map<Layer, Path> lists = new LinkedHashMap<>();
      if (cases != null) {
        String id = layerId != null ? layerId : folderName(cases);
        Layer layer =
            Layers.builtIn()
                .byId(id)
                .orElseThrow(
                    () ->
                        new UsageException(
                            "--layer must name one of "
                                + Layers.builtIn().ids()
                                + (layerId != null
                                    ? ", found " + layerId
                                    : " for " + cases + ", whose folder is no layer's")));
        lists.put(layer, cases);
        return lists;
      }
      if (layerId != null) {
        throw new UsageException("--layer names the layer of --cases, which is missing");
      }
      Path fixtures = home.resolve("fixtures");
      // Case lists of the built-in layers, whose references are ND4J's; a described layer's
      // fixtures come from its PyTorch module (fixtures/tools/pytorch_fixtures.py).
      for (Layer layer : Layers.builtIn().all()) {
        Path list = CaseList.file(fixtures, layer);
        if (Files.isRegularFile(list)) {
          lists.put(layer, list);
        }
      }
      if (lists.isEmpty()) {
        throw new UsageException("no case list below " + fixtures + " (<layer>/cases.json)");
      }
      return lists;
    }

    private static String folderName(Path file) {
      Path parent = file.toAbsolutePath().getParent();
      return parent == null ? "" : parent.getFileName().toString();
    }
  }

  @Command(
      name = "verify",
      mixinStandardHelpOptions = true,
      description =
          "Recomputes every expected tensor below each DIR with ND4J. Fails (exit 3) naming the file,"
              + " tensor and index of any value that differs from ND4J's by more than rounding can"
              + " explain (each element's bound from the error analysis of its sum), or a fixture"
              + " whose shapes break the output-size formula. A fixture without diagnosis references"
              + " (mistakes) verifies, with a note. A described layer's fixtures (layer.json) are read"
              + " and their shapes checked, and their stored gradients checked against the centred"
              + " differences of their forward stored beside them (gradient-probes.json).")
  static final class Verify implements Callable<Integer>, GraderCommand.HomeAware {

    /** The file of a described layer's probes of its forward, beside its layer.json. */
    private static final String GRADIENT_PROBES = "gradient-probes.json";

    @Parameters(
        paramLabel = "DIR",
        arity = "0..*",
        description =
            "Fixtures roots, or layer folders in one (fixtures/affine). Default: fixtures/.")
    List<Path> roots;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    private Path home;

    @Override
    public void home(Path home) {
      this.home = home;
    }

    @Override
    public Integer call() {
      return Guarded.run(
          spec,
          () -> {
            ReferenceLibraries.require("fixtures verify");
            List<Path> dirs = existingRoots(roots, home);
            PrintWriter stdout = spec.commandLine().getOut();
            PrintWriter stderr = spec.commandLine().getErr();
            int recomputed = 0;
            int failed = 0;
            int described = 0;
            int describedFailed = 0;
            FixtureVerifier.FileReport largest = null;
            for (Path dir : dirs) {
              for (FixtureVerifier.FileReport report : verifyRootOrLayer(dir)) {
                if (!report.recomputed()) {
                  described++;
                  if (report.agrees()) {
                    stdout.printf(Locale.ROOT, "ok    %s (read; not recomputed)%n", report.file());
                    report.notes().forEach(n -> stdout.println("note  " + n));
                  } else {
                    describedFailed++;
                    report.problems().forEach(p -> stderr.println("FAIL  " + p));
                  }
                  continue;
                }
                recomputed++;
                if (report.agrees()) {
                  stdout.printf(
                      Locale.ROOT,
                      "ok    %s (largest difference/bound %s)%n",
                      report.file(),
                      ratio(report.maxRatio()));
                  report.notes().forEach(n -> stdout.println("note  " + n));
                  if (largest == null || report.maxRatio() > largest.maxRatio()) {
                    largest = report;
                  }
                } else {
                  failed++;
                  report.problems().forEach(p -> stderr.println("FAIL  " + p));
                }
              }
            }
            if (recomputed > 0 || described == 0) {
              stdout.println(
                  (recomputed - failed)
                      + " of "
                      + recomputed
                      + " fixture files agree with ND4J within the rounding bounds of their sums"
                      + (largest == null
                          ? ""
                          : " (largest difference/bound "
                              + ratio(largest.maxRatio())
                              + ", in "
                              + largest.file()
                              + ")"));
            }
            if (described > 0) {
              stdout.println(
                  (described - describedFailed)
                      + " of "
                      + described
                      + " fixture files of described layers read, every field and shape right and"
                      + " their gradients agreeing with the centred differences of their forward ("
                      + GRADIENT_PROBES
                      + "); their values are checked by fixtures/tools/pytorch_fixtures.py"
                      + " LAYER_DIR --check");
            }
            return failed + describedFailed == 0 ? ExitCode.OK : ExitCode.FIXTURES_DISAGREE;
          });
    }

    /**
     * A fixtures root, or one layer's folder in it (the folder of a layer.json, or of a built-in
     * layer's public/ and hidden/ fixtures).
     */
    private static List<FixtureVerifier.FileReport> verifyRootOrLayer(Path dir) {
      Path absolute = dir.toAbsolutePath().normalize();
      if (absolute.getParent() == null || absolute.getFileName() == null) {
        return FixtureVerifier.verify(dir);
      }
      String name = absolute.getFileName().toString();
      if (!Files.isRegularFile(dir.resolve("layer.json"))
          && Layers.builtIn().byId(name).isEmpty()) {
        return FixtureVerifier.verify(dir);
      }
      Path root =
          dir.normalize().getParent() == null ? absolute.getParent() : dir.normalize().getParent();
      return FixtureVerifier.verifyLayer(root, name);
    }

    private static String ratio(double ratio) {
      return String.format(Locale.ROOT, "%.2g", ratio);
    }
  }

  @Command(
      name = "complete",
      mixinStandardHelpOptions = true,
      description =
          "Adds ND4J's references of known mistakes (the feedback's \"Likely mistake:\" line) to"
              + " every fixture below each DIR that stores none, such as one written from NumPy or"
              + " PyTorch, keeping its inputs and expected values. A fixture whose expected values"
              + " ND4J does not reproduce within their rounding bounds is left as it is (exit 3).")
  static final class Complete implements Callable<Integer>, GraderCommand.HomeAware {

    @Parameters(paramLabel = "DIR", arity = "1..*", description = "Fixtures roots.")
    List<Path> roots;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    private Path home;

    @Override
    public void home(Path home) {
      this.home = home;
    }

    @Override
    public Integer call() {
      return Guarded.run(
          spec,
          () -> {
            ReferenceLibraries.require("fixtures complete");
            List<Path> dirs = existingRoots(roots, home);
            PrintWriter stdout = spec.commandLine().getOut();
            PrintWriter stderr = spec.commandLine().getErr();
            int completed = 0;
            int refused = 0;
            for (Path dir : dirs) {
              for (FixtureCompleter.Outcome outcome : FixtureCompleter.complete(dir)) {
                if (outcome instanceof FixtureCompleter.Completed done) {
                  completed++;
                  stdout.println(
                      "added "
                          + done.file()
                          + " ("
                          + done.mistakes()
                          + (done.mistakes() == 1 ? " mistake's" : " mistakes'")
                          + " references)");
                } else if (outcome instanceof FixtureCompleter.AlreadyComplete kept) {
                  stdout.println("kept  " + kept.file() + " (it stores diagnosis references)");
                } else if (outcome instanceof FixtureCompleter.Refused no) {
                  refused++;
                  no.problems().forEach(p -> stderr.println("FAIL  " + p));
                }
              }
            }
            stdout.println(
                completed
                    + (completed == 1 ? " fixture file completed" : " fixture files completed")
                    + (refused == 0 ? "" : ", " + refused + " left as they were (see above)"));
            return refused == 0 ? ExitCode.OK : ExitCode.FIXTURES_DISAGREE;
          });
    }
  }

  /** The fixtures roots named, or the repository's; each must be a folder. */
  private static List<Path> existingRoots(List<Path> roots, Path home) {
    List<Path> dirs = roots == null || roots.isEmpty() ? List.of(home.resolve("fixtures")) : roots;
    for (Path dir : dirs) {
      if (!Files.isDirectory(dir)) {
        throw new UsageException("fixtures folder not found: " + dir);
      }
    }
    return dirs;
  }
}
