package org.cnngrader.handout;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.cnngrader.fixture.Fixture;
import org.cnngrader.fixture.FixtureException;
import org.cnngrader.fixture.FixtureJson;
import org.cnngrader.fixture.Visibility;
import org.cnngrader.layers.LayerCatalog;

/**
 * Decides whether each handout entry may go to students. An entry leaks a secret when it lies in a
 * folder named like those that hold secrets, when its content is a secret file's (layout aside),
 * or, below {@code fixtures/}, when it is not a public fixture or holds a hidden fixture's inputs.
 */
final class HandoutAudit {

  /** Folders that only ever hold secrets, whatever the root they lie in. */
  private static final Set<String> SECRET_FOLDERS =
      Set.of(Visibility.HIDDEN.folder(), Secrets.EXAMPLES);

  private final Secrets secrets;
  private final LayerCatalog layers;

  HandoutAudit(Secrets secrets, LayerCatalog layers) {
    this.secrets = secrets;
    this.layers = layers;
  }

  /** Every leak, in the order of the entries; none when the handout may go out. */
  List<Leak> leaks(List<HandoutEntry> entries) {
    List<Leak> leaks = new ArrayList<>();
    for (HandoutEntry entry : entries) {
      leakOf(entry).ifPresent(leaks::add);
    }
    return leaks;
  }

  private Optional<Leak> leakOf(HandoutEntry entry) {
    Optional<String> folder = secretFolder(entry.path());
    if (folder.isPresent()) {
      return Optional.of(new Leak.SecretFolder(entry.path(), folder.get()));
    }
    Optional<Secrets.Secret> secret = secrets.withContentOf(entry.content());
    if (secret.isPresent()) {
      return Optional.of(new Leak.SecretContent(entry.path(), secret.get()));
    }
    if (entry.path().startsWith("fixtures/")) {
      return fixtureLeak(entry);
    }
    return Optional.empty();
  }

  private static Optional<String> secretFolder(String path) {
    String[] parts = path.split("/");
    return Arrays.stream(parts, 0, parts.length - 1)
        .filter(part -> SECRET_FOLDERS.contains(part.toLowerCase(Locale.ROOT)))
        .findFirst();
  }

  private Optional<Leak> fixtureLeak(HandoutEntry entry) {
    if (HandoutLayout.isAssignment(entry.path())) {
      return Optional.empty();
    }
    if (HandoutLayout.isLayerFile(entry.path())) {
      return Optional.empty();
    }
    if (!isPublicFixture(entry.path())) {
      return Optional.of(new Leak.NotAPublicFixture(entry.path()));
    }
    Fixture fixture;
    try {
      fixture =
          FixtureJson.parse(
              new String(entry.content(), StandardCharsets.UTF_8), Visibility.PUBLIC, layers);
    } catch (FixtureException e) {
      throw e.inFile(entry.path());
    }
    return secrets
        .hiddenFixtureWithInputs(fixture.inputs())
        .map(hidden -> new Leak.HiddenInputs(entry.path(), hidden));
  }

  private static boolean isPublicFixture(String path) {
    return HandoutLayout.isPublicFixture(path);
  }
}
