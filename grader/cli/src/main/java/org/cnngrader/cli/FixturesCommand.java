package org.cnngrader.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.cnngrader.fixture.Fixture;
import org.cnngrader.fixture.FixtureFiles;
import org.cnngrader.reference.CaseList;
import org.cnngrader.reference.CaseSpec;
import org.cnngrader.reference.FixtureGenerator;
import org.cnngrader.reference.FixtureVerifier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code grader fixtures generate|verify}: the only commands that load ND4J. */
@Command(
    name = "fixtures",
    mixinStandardHelpOptions = true,
    description = "Generates or verifies reference fixtures with ND4J.",
    subcommands = {FixturesCommand.Generate.class, FixturesCommand.Verify.class})
final class FixturesCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().getErr().println("grader: missing command (generate or verify)");
    spec.commandLine().usage(spec.commandLine().getErr());
    return ExitCode.USAGE;
  }

  @Command(
      name = "generate",
      mixinStandardHelpOptions = true,
      description =
          "Writes one fixture per case of the case list into OUT/conv2d/<visibility>/<name>.json, with"
              + " expected tensors computed by ND4J. The same list always gives byte-identical files.")
  static final class Generate implements Callable<Integer>, GraderCommand.HomeAware {

    @Option(
        names = "--cases",
        paramLabel = "FILE",
        description = "Case list. Default: fixtures/conv2d/cases.json.")
    Path cases;

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
            Path list = cases != null ? cases : home.resolve("fixtures").resolve(CaseList.FILE);
            if (!Files.isRegularFile(list)) {
              throw new UsageException("case list not found: " + list);
            }
            CaseList caseList;
            try {
              caseList = CaseList.read(list);
            } catch (IllegalArgumentException e) {
              throw new UsageException(e.getMessage());
            }
            PrintWriter stdout = spec.commandLine().getOut();
            for (CaseSpec spec : caseList.cases()) {
              Fixture fixture = FixtureGenerator.generate(spec);
              Path file = FixtureFiles.write(root, fixture);
              stdout.println("wrote " + file);
            }
            stdout.println(caseList.cases().size() + " fixtures written below " + root);
            return ExitCode.OK;
          });
    }
  }

  @Command(
      name = "verify",
      mixinStandardHelpOptions = true,
      description =
          "Recomputes every expected tensor below each DIR with ND4J. Fails (exit 3) naming the file,"
              + " tensor and index of any relative error above 1e-12, or a fixture whose shapes break the"
              + " output-size formula.")
  static final class Verify implements Callable<Integer>, GraderCommand.HomeAware {

    @Parameters(
        paramLabel = "DIR",
        arity = "0..*",
        description = "Fixtures roots. Default: fixtures/.")
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
            List<Path> dirs =
                roots == null || roots.isEmpty() ? List.of(home.resolve("fixtures")) : roots;
            for (Path dir : dirs) {
              if (!Files.isDirectory(dir)) {
                throw new UsageException("fixtures folder not found: " + dir);
              }
            }
            PrintWriter stdout = spec.commandLine().getOut();
            PrintWriter stderr = spec.commandLine().getErr();
            int files = 0;
            int failed = 0;
            for (Path dir : dirs) {
              for (FixtureVerifier.FileReport report : FixtureVerifier.verify(dir)) {
                files++;
                if (report.agrees()) {
                  stdout.printf(
                      Locale.ROOT,
                      "ok    %s (max relative error %.1e)%n",
                      report.file(),
                      report.maxError());
                } else {
                  failed++;
                  report.problems().forEach(p -> stderr.println("FAIL  " + p));
                }
              }
            }
            stdout.println(
                (files - failed)
                    + " of "
                    + files
                    + " fixture files agree with ND4J within a relative error of 1e-12");
            return failed == 0 ? ExitCode.OK : ExitCode.FIXTURES_DISAGREE;
          });
    }
  }
}
