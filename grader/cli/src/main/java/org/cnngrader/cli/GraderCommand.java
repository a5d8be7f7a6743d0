package org.cnngrader.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The top-level command: its subcommands do the work; this class wires streams and exit codes. */
@Command(
    name = "grader",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description =
        "Grades submissions of a CNN assignment's layers against ND4J reference fixtures, and"
            + " builds the students' handout, the GitHub Classroom template, the Gradescope bundle"
            + " and the PrairieLearn grader.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:grading ran (whatever the scores); fixtures verified; handout, template or export"
          + " written",
      "1:a fault of the grader itself or of the machine",
      "2:usage error or bad input (missing folder, unreadable fixture or policy, a --sandbox level"
          + " that does not work here, --strict with hidden fixtures student code could read, a"
          + " Canvas or Moodle export the LMS would refuse or misread, a"
          + " handout that would give away a secret, a template that would replace a file)",
      "3:fixtures verify found a fixture that disagrees with ND4J beyond the rounding bounds of its"
          + " sums, breaks the output-size formula or cannot be read; fixtures complete left such a"
          + " fixture as it was",
      "4:too little memory: the machine or container cannot hold the grader and one child (the"
          + " numbers on stderr); nothing was graded"
    })
final class GraderCommand implements Callable<Integer> {

  /**
   * The subcommands, in the order help lists them. They are added when the command line is built
   * rather than named in the annotation: picocli builds the model of every command it knows before
   * it parses, and a run names one (a tenth of a second of a grade's start).
   */
  private static final List<Class<?>> SUBCOMMANDS =
      List.of(
          GradeCommand.class,
          DemoCommand.class,
          FixturesCommand.class,
          LayersCommand.class,
          MergeCommand.class,
          ExportCommand.class,
          SimilarityCommand.class,
          HandoutCommand.class,
          TemplateCommand.class,
          ClassroomCommand.class,
          GradescopeCommand.class,
          PrairieLearnCommand.class);

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    List<String> names = List.copyOf(spec.subcommands().keySet());
    spec.commandLine()
        .getErr()
        .println(
            "grader: missing command ("
                + String.join(", ", names.subList(0, names.size() - 1))
                + " or "
                + names.get(names.size() - 1)
                + ")");
    spec.commandLine().usage(spec.commandLine().getErr());
    return ExitCode.USAGE;
  }

  /** One line that says what is wrong, the synopsis, and where to read more: not the whole help. */
  private static int badCommandLine(CommandLine.ParameterException e, String[] args) {
    CommandLine command = e.getCommandLine();
    PrintWriter err = command.getErr();
    err.println("grader: " + e.getMessage());
    err.print("Usage: " + command.getHelp().synopsis(0));
    err.println("Run '" + command.getCommandSpec().qualifiedName() + " --help' for the options.");
    return ExitCode.USAGE;
  }

  /** Where the repository lies: the launcher passes it; tests pass their own. */
  static Path homeFromSystem() {
    String home = System.getProperty("grader.home");
    return Path.of(home == null ? "." : home).toAbsolutePath().normalize();
  }

  /** Runs the command line and returns the exit code; never calls System.exit. */
  static int run(String[] args, PrintStream out, PrintStream err, Path home) {
    Factory factory = new Factory(home);
    CommandLine commandLine = new CommandLine(new GraderCommand(), factory);
    for (Class<?> subcommand : subcommandsFor(args)) {
      commandLine.addSubcommand(new CommandLine(subcommand, factory));
    }
    // Set after the subcommands are added: picocli passes these settings down to those it has.
    commandLine
        .setOut(new PrintWriter(out, true, StandardCharsets.UTF_8))
        .setErr(new PrintWriter(err, true, StandardCharsets.UTF_8))
        .setExecutionExceptionHandler(
            (exception, line, parsed) -> {
              line.getErr().println("grader: internal error: " + exception);
              exception.printStackTrace(line.getErr());
              return ExitCode.GRADER_FAULT;
            });
    commandLine.setExitCodeExceptionMapper(e -> ExitCode.USAGE);
    commandLine.setParameterExceptionHandler(GraderCommand::badCommandLine);
    commandLine.setUsageHelpWidth(100);
    int code = commandLine.execute(args);
    commandLine.getOut().flush();
    commandLine.getErr().flush();
    return code;
  }

  /**
   * The subcommand the arguments name first, alone; every one when they name none (help, the
   * version, a mistyped name), so that help lists them all and a mistake is answered with them.
   */
  private static List<Class<?>> subcommandsFor(String[] args) {
    if (args.length > 0) {
      for (Class<?> subcommand : SUBCOMMANDS) {
        if (subcommand.getAnnotation(Command.class).name().equals(args[0])) {
          return List.of(subcommand);
        }
      }
    }
    return SUBCOMMANDS;
  }

  /** Gives every command the repository's location. */
  private static final class Factory implements CommandLine.IFactory {
    private final Path home;

    Factory(Path home) {
      this.home = home;
    }

    @Override
    public <K> K create(Class<K> type) throws Exception {
      if (HomeAware.class.isAssignableFrom(type)) {
        K command = CommandLine.defaultFactory().create(type);
        ((HomeAware) command).home(home);
        return command;
      }
      return CommandLine.defaultFactory().create(type);
    }
  }

  /** A command that needs the repository's location for its defaults. */
  interface HomeAware {
    void home(Path home);
  }
}
