package org.cnngrader.inspect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import org.cnngrader.TestRepository;
import org.cnngrader.fixture.FixtureException;
import org.cnngrader.inspect.Policy.Action;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyTest {

  private static final String KINDS = "exit, process, network, file-io, reflection, threads";
  private static final String ACTIONS = "\"ignore\", \"warn\", \"zero\"";

  @TempDir Path temp;

  private Path file(String json) throws Exception {
    return Files.writeString(temp.resolve("policy.json"), json);
  }

  @Test
  void readsTheKindsItNamesAndWarnsAboutTheOthers() throws Exception {
    Policy policy =
        Policy.load(file("{\"exit\": \"zero\", \"network\": \"warn\", \"threads\": \"ignore\"}"));

    assertThat(policy.actionFor(FindingKind.EXIT)).isEqualTo(Action.ZERO);
    assertThat(policy.actionFor(FindingKind.NETWORK)).isEqualTo(Action.WARN);
    assertThat(policy.actionFor(FindingKind.THREADS)).isEqualTo(Action.IGNORE);
    assertThat(policy.actionFor(FindingKind.FILE_IO)).isEqualTo(Action.WARN);
    assertThat(policy)
        .isEqualTo(
            Policy.DEFAULT
                .with(FindingKind.EXIT, Action.ZERO)
                .with(FindingKind.THREADS, Action.IGNORE));
  }

  @Test
  void anEmptyObjectAndADescriptionAloneAreTheDefault() throws Exception {
    assertThat(Policy.load(file("{}"))).isEqualTo(Policy.DEFAULT);
    assertThat(Policy.load(file("{\"description\": \"for the lab\"}"))).isEqualTo(Policy.DEFAULT);
  }

  @Test
  void theShippedPolicyWarnsAboutEveryKind() {
    Path shipped = TestRepository.fixturesRoot().resolve("policy.json");

    assertThat(Policy.load(shipped)).isEqualTo(Policy.DEFAULT);
    assertThat(Policy.DEFAULT.actions())
        .containsOnlyKeys(FindingKind.values())
        .doesNotContainValue(Action.ZERO)
        .doesNotContainValue(Action.IGNORE);
  }

  @Test
  void anUnknownKindIsNamedWithTheKindsThereAre() throws Exception {
    Path file = file("{\"exit\": \"warn\", \"netwrok\": \"zero\"}");

    assertThatThrownBy(() -> Policy.load(file))
        .isInstanceOf(FixtureException.class)
        .hasMessageStartingWith(file + ": netwrok: is not a kind of finding")
        .hasMessageContaining(KINDS);
  }

  @Test
  void anUnknownActionIsNamedWithTheActionsThereAre() throws Exception {
    Path file = file("{\"exit\": \"kill\"}");

    assertThatThrownBy(() -> Policy.load(file))
        .isInstanceOf(FixtureException.class)
        .hasMessage(file + ": exit: must be one of " + ACTIONS + ", found \"kill\"");
  }

  @Test
  void anActionMustBeAStringInLowerCase() throws Exception {
    Path number = file("{\"threads\": 1}");
    assertThatThrownBy(() -> Policy.load(number))
        .hasMessage(number + ": threads: must be one of " + ACTIONS + ", found 1");
    Path upper = file("{\"threads\": \"ZERO\"}");
    assertThatThrownBy(() -> Policy.load(upper))
        .hasMessage(upper + ": threads: must be one of " + ACTIONS + ", found \"ZERO\"");
  }

  @Test
  void theDescriptionMustBeAString() throws Exception {
    Path file = file("{\"description\": 3}");

    assertThatThrownBy(() -> Policy.load(file))
        .isInstanceOf(FixtureException.class)
        .hasMessage(file + ": description: must be a string");
  }

  @Test
  void aFileThatIsNotAnObjectIsNamedWithWhatItMustBe() throws Exception {
    Path file = file("[\"exit\", \"zero\"]");

    assertThatThrownBy(() -> Policy.load(file))
        .isInstanceOf(FixtureException.class)
        .hasMessageStartingWith(file + ": policy: must be a JSON object")
        .hasMessageContaining(KINDS)
        .hasMessageContaining(ACTIONS);
  }

  @Test
  void malformedJsonIsNamedWithItsLine() throws Exception {
    Path file = file("{\n  \"exit\": \"warn\",\n");

    assertThatThrownBy(() -> Policy.load(file))
        .isInstanceOf(FixtureException.class)
        .hasMessageStartingWith(file + ": JSON: line ");
  }

  @Test
  void aKindGivenTwiceIsAnError() throws Exception {
    Path file = file("{\"exit\": \"warn\", \"exit\": \"zero\"}");

    assertThatThrownBy(() -> Policy.load(file))
        .isInstanceOf(FixtureException.class)
        .hasMessageStartingWith(file + ": JSON: ")
        .hasMessageContaining("exit");
  }

  @Test
  void anEmptyOrTrailingFileIsAnError() throws Exception {
    Path empty = file("");
    assertThatThrownBy(() -> Policy.load(empty))
        .isInstanceOf(FixtureException.class)
        .hasMessageStartingWith(empty + ": policy: must be a JSON object");
    Path trailing = file("{\"exit\": \"warn\"} {\"exit\": \"zero\"}");
    assertThatThrownBy(() -> Policy.load(trailing))
        .isInstanceOf(FixtureException.class)
        .hasMessageStartingWith(trailing + ": JSON: ");
  }

  @Test
  void anUnreadableFileIsNamed() {
    Path missing = temp.resolve("missing.json");

    assertThatThrownBy(() -> Policy.load(missing))
        .isInstanceOf(FixtureException.class)
        .hasMessageStartingWith(missing + ": cannot be read");
  }

  @Test
  void aPolicyHasAnActionForEveryKindAndCannotBeChanged() {
    Map<FindingKind, Action> partial = new EnumMap<>(FindingKind.class);
    partial.put(FindingKind.EXIT, Action.ZERO);

    assertThatThrownBy(() -> new Policy(partial))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("process");
    assertThatThrownBy(() -> Policy.DEFAULT.actions().put(FindingKind.EXIT, Action.ZERO))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThat(Policy.uniform(Action.ZERO).actionFor(FindingKind.THREADS)).isEqualTo(Action.ZERO);
    assertThat(Action.fromKey("ignore")).contains(Action.IGNORE);
    assertThat(Action.fromKey("Ignore")).isEmpty();
  }
}
