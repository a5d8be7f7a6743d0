package org.cnngrader.cli;

import java.util.concurrent.Callable;
import org.cnngrader.intake.RefusedInputException;
import org.cnngrader.layer.InputFileException;
import picocli.CommandLine;

/**
 * Runs a command's body and turns what it throws into an exit code and one line on stderr: bad
 * input (exit 2) names what and where; too little memory for one child exits 4; anything else is
 * the grader's own fault (exit 1).
 */
final class Guarded {

  private Guarded() {}

  static int run(CommandLine.Model.CommandSpec spec, Callable<Integer> body) {
    try {
      return body.call();
    } catch (UsageException | RefusedInputException | InputFileException e) {
      spec.commandLine().getErr().println("grader: " + e.getMessage());
      return ExitCode.USAGE;
    } catch (TooLittleMemoryException e) {
      spec.commandLine().getErr().println("grader: too little memory: " + e.getMessage());
      return ExitCode.TOO_LITTLE_MEMORY;
    } catch (Exception e) {
      spec.commandLine().getErr().println("grader: internal error: " + e);
      return ExitCode.GRADER_FAULT;
    }
  }
}
