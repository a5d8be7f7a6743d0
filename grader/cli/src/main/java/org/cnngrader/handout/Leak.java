package org.cnngrader.handout;

import java.nio.file.Path;

/**
 * A handout entry that would give a secret away, as the audit found it, and its wording: the entry
 * first, compiler-style, then what is wrong with it.
 */
sealed interface Leak {

  /** The handout entry at fault, as its path in the zip. */
  String entry();

  /** Why the entry must not go to students. */
  String reason();

  /** The entry and the reason, on one line. */
  default String describe() {
    return entry() + ": " + reason();
  }

  /**
   * The entry lies in a folder where only secrets are kept ({@code hidden}, {@code submissions}).
   */
  record SecretFolder(String entry, String folder) implements Leak {
    @Override
    public String reason() {
      return "lies in a folder named '"
          + folder
          + "', where only what students must not see is kept";
    }
  }

  /** The entry has a secret file's content, layout aside. */
  record SecretContent(String entry, Secrets.Secret secret) implements Leak {
    @Override
    public String reason() {
      return "has the content of " + secret.kind().words() + " " + secret.file();
    }
  }

  /** The entry lies below {@code fixtures/} but is not a public fixture. */
  record NotAPublicFixture(String entry) implements Leak {
    @Override
    public String reason() {
      return "is not a public fixture; only "
          + HandoutLayout.FIXTURES
          + "<layer>/public/*.json and "
          + HandoutLayout.FIXTURES
          + "assignment.json go to students";
    }
  }

  /** The entry is a fixture that holds the inputs of a hidden one, whatever else it says. */
  record HiddenInputs(String entry, Path hiddenFixture) implements Leak {
    @Override
    public String reason() {
      return "holds the inputs of the hidden fixture " + hiddenFixture;
    }
  }
}
