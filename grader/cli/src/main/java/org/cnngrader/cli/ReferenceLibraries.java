package org.cnngrader.cli;

/**
 * Whether ND4J and the grader's reference module are on the class path: the fixtures commands need
 * them; grading does not, and a Gradescope bundle leaves them out.
 */
final class ReferenceLibraries {

  // Names, not class literals: a literal of a missing class would fail as it is loaded.
  private static final String ND4J = "org.nd4j.linalg.factory.Nd4j";
  private static final String REFERENCE = "org.cnngrader.reference.FixtureVerifier";

  private ReferenceLibraries() {}

  /** Refuses {@code command} (exit code 2) where this copy of the grader lacks them. */
  static void require(String command) {
    for (String name : new String[] {REFERENCE, ND4J}) {
      try {
        Class.forName(name, false, ReferenceLibraries.class.getClassLoader());
      } catch (ClassNotFoundException e) {
        throw new UsageException(
            command
                + " needs ND4J, which this copy of the grader does not hold (a Gradescope bundle"
                + " grades from the fixtures as they are): run it from the repository, with"
                + " grader/bin/grader");
      }
    }
  }
}
