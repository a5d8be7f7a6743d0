package org.cnngrader.handout;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.cnngrader.archive.ReproducibleZip;
import org.cnngrader.archive.ZipItem;
import org.cnngrader.fixture.FixtureFiles;
import org.cnngrader.fixture.Visibility;
import org.cnngrader.layers.LayerCatalog;
import org.cnngrader.layers.Layers;

/**
 * What students receive: the template, the public fixtures and the pre-submit check, audited
 * against the grader's secrets. It can only be written when the audit found no leak.
 */
public final class Handout {

  private final List<HandoutEntry> entries;
  private final List<Leak> leaks;
  private final Secrets secrets;
  private final LayerCatalog layers;

  /** A handout of built-in layers. */
  Handout(List<HandoutEntry> entries, Secrets secrets) {
    this(entries, secrets, Layers.builtIn());
  }

  /** A handout whose fixtures are of {@code layers}. */
  Handout(List<HandoutEntry> entries, Secrets secrets, LayerCatalog layers) {
    this.entries = entries.stream().sorted(Comparator.comparing(HandoutEntry::path)).toList();
    Set<String> paths = new HashSet<>();
    for (HandoutEntry entry : this.entries) {
      if (!paths.add(entry.path())) {
        throw new IllegalStateException("two handout files would be written to " + entry.path());
      }
    }
    this.secrets = secrets;
    this.layers = layers;
    this.leaks = new HandoutAudit(secrets, layers).leaks(this.entries);
  }

  /**
   * The handout of the grader's repository, with the public fixtures of {@code fixturesRoot}. The
   * secrets are those of both the repository's fixtures and {@code fixturesRoot}.
   *
   * @throws org.cnngrader.fixture.FixtureException when a public fixture cannot be graded (the file
   *     and field named), or there is none
   */
  public static Handout fromRepository(Path repository, Path fixturesRoot, String graderVersion) {
    FixtureFiles.load(fixturesRoot, Visibility.PUBLIC);
    List<HandoutEntry> entries =
        new HandoutLayout(repository, fixturesRoot, graderVersion).entries();
    List<byte[]> template =
        entries.stream()
            .filter(e -> e.path().startsWith(HandoutLayout.TEMPLATE_SOURCES))
            .map(HandoutEntry::content)
            .toList();
    Set<Path> roots = new LinkedHashSet<>();
    roots.add(repository.resolve("fixtures").toAbsolutePath().normalize());
    roots.add(fixturesRoot.toAbsolutePath().normalize());
    return new Handout(entries, Secrets.in(roots, template), Layers.in(fixturesRoot));
  }

  /** The same handout with more files, all audited against the same secrets. */
  Handout with(List<HandoutEntry> more) {
    List<HandoutEntry> all = new java.util.ArrayList<>(entries);
    all.addAll(more);
    return new Handout(all, secrets, layers);
  }

  /** Every file, sorted by path, as the zip will hold them. */
  public List<HandoutEntry> entries() {
    return entries;
  }

  /** One line per entry that would give a secret away; none when the handout may go out. */
  public List<String> leaks() {
    return leaks.stream().map(Leak::describe).toList();
  }

  /** How many of the entries are public fixtures. */
  public long publicFixtures() {
    return entries.stream().filter(e -> HandoutLayout.isPublicFixture(e.path())).count();
  }

  /** How many hidden fixtures the audit compared every entry with. */
  public long hiddenFixturesCompared() {
    return secrets.count(Secrets.Kind.HIDDEN_FIXTURE);
  }

  /** How many files of example solutions the audit compared every entry with. */
  public long exampleSolutionFilesCompared() {
    return secrets.count(Secrets.Kind.EXAMPLE_SOLUTION);
  }

  /**
   * Writes the zip, atomically, or refuses. Every file lies in one top folder named after the zip
   * ({@code student.zip} holds {@code student/pom.xml}, ...), so that unzipping it in a Downloads
   * folder makes one project folder there rather than spilling its files.
   *
   * @throws HandoutRefusedException when an entry would give a secret away; nothing is written
   */
  public void writeZip(Path zip) throws IOException {
    if (!leaks.isEmpty()) {
      throw new HandoutRefusedException(leaks());
    }
    String top = topFolder(zip);
    ReproducibleZip.write(
        entries.stream()
            .map(entry -> ZipItem.of(top + "/" + entry.path(), entry.content()))
            .toList(),
        zip);
  }

  /**
   * The folder the zip unzips into: its file name without {@code .zip}, or {@code handout} when
   * that leaves nothing a folder may be named.
   */
  public static String topFolder(Path zip) {
    String name = zip.getFileName().toString();
    if (name.toLowerCase(java.util.Locale.ROOT).endsWith(".zip")) {
      name = name.substring(0, name.length() - 4);
    }
    return name.isBlank() || name.equals(".") || name.equals("..") || name.startsWith(".")
        ? "handout"
        : name;
  }
}
