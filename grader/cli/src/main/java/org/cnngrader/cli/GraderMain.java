package org.cnngrader.cli;

/** The {@code grader} command. */
public final class GraderMain {

  private GraderMain() {}

  public static void main(String[] args) {
    System.exit(GraderCommand.run(args, System.out, System.err, GraderCommand.homeFromSystem()));
  }
}
