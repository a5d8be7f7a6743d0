package org.cnngrader.handout;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.cnngrader.fixture.FixtureFiles;
import org.cnngrader.fixture.Visibility;
import org.cnngrader.layer.Layer;
import org.cnngrader.layers.Layers;
import org.cnngrader.layers.described.FileLayer;
import org.cnngrader.reference.CaseList;
import org.cnngrader.tensor.Tensor;

/**
 * What must never reach students: the hidden fixtures (their files and their inputs), the case list
 * (it names the hidden cases and their seeds), a described layer's reference module and the example
 * solutions, as they lie in one or more fixtures roots.
 */
final class Secrets {

  /** The folder of a fixtures root that holds the example solutions. */
  static final String EXAMPLES = "submissions";

  /** A described layer's PyTorch module, beside its layer.json. */
  static final String REFERENCE_MODULE = "reference.py";

  /** What a secret is, in the words of a refusal. */
  enum Kind {
    HIDDEN_FIXTURE("the hidden fixture"),
    CASE_LIST("the case list"),
    REFERENCE_MODULE("the layer's reference module"),
    EXAMPLE_SOLUTION("the example solution");

    private final String words;

    Kind(String words) {
      this.words = words;
    }

    String words() {
      return words;
    }
  }

  /** One secret file. */
  record Secret(Kind kind, Path file) {
    Secret {
      if (kind == null || file == null) {
        throw new IllegalArgumentException("a secret needs a kind and a file");
      }
    }
  }

  private final Map<Fingerprint, Secret> byFingerprint;
  private final Map<Map<String, Tensor>, Path> hiddenInputs;

  private Secrets(
      Map<Fingerprint, Secret> byFingerprint, Map<Map<String, Tensor>, Path> hiddenInputs) {
    this.byFingerprint = Map.copyOf(byFingerprint);
    this.hiddenInputs = Map.copyOf(hiddenInputs);
  }

  /**
   * The secrets of every fixtures root given. A file of an example solution that has the content of
   * a file of the template (the {@code Gradients} record every example carries) is the handout's
   * own, not a secret.
   */
  static Secrets in(Collection<Path> fixturesRoots, Collection<byte[]> templateFiles) {
    Set<Fingerprint> template = new LinkedHashSet<>();
    templateFiles.forEach(content -> Fingerprint.of(content).ifPresent(template::add));
    Map<Fingerprint, Secret> byFingerprint = new LinkedHashMap<>();
    Map<Map<String, Tensor>, Path> hiddenInputs = new LinkedHashMap<>();
    for (Path root : new LinkedHashSet<>(fixturesRoots)) {
      for (Layer layer : Layers.in(root).all()) {
        Path hidden = FixtureFiles.folder(root, layer, Visibility.HIDDEN);
        for (Path file : filesBelow(hidden)) {
          add(byFingerprint, new Secret(Kind.HIDDEN_FIXTURE, file));
        }
        for (Path file : FixtureFiles.jsonFiles(hidden)) {
          hiddenInputs.putIfAbsent(
              FixtureFiles.read(file, layer, Visibility.HIDDEN).inputs(), file);
        }
        Path caseList = CaseList.file(root, layer);
        if (Files.isRegularFile(caseList)) {
          add(byFingerprint, new Secret(Kind.CASE_LIST, caseList));
        }
        // A described layer's forward and mistakes in PyTorch: a solution in another language.
        Path module = root.resolve(layer.id()).resolve(REFERENCE_MODULE);
        if (layer instanceof FileLayer && Files.isRegularFile(module)) {
          add(byFingerprint, new Secret(Kind.REFERENCE_MODULE, module));
        }
      }
      for (Path file : filesBelow(root.resolve(EXAMPLES))) {
        if (Fingerprint.of(read(file)).filter(template::contains).isEmpty()) {
          add(byFingerprint, new Secret(Kind.EXAMPLE_SOLUTION, file));
        }
      }
    }
    return new Secrets(byFingerprint, hiddenInputs);
  }

  /** The secret whose content this is, layout aside. */
  Optional<Secret> withContentOf(byte[] content) {
    return Fingerprint.of(content).map(byFingerprint::get);
  }

  /** The hidden fixture whose inputs these are. */
  Optional<Path> hiddenFixtureWithInputs(Map<String, Tensor> inputs) {
    return Optional.ofNullable(hiddenInputs.get(inputs));
  }

  /** How many secret files of a kind are known. */
  long count(Kind kind) {
    return byFingerprint.values().stream().filter(s -> s.kind() == kind).count();
  }

  private static void add(Map<Fingerprint, Secret> byFingerprint, Secret secret) {
    Fingerprint.of(read(secret.file())).ifPresent(f -> byFingerprint.putIfAbsent(f, secret));
  }

  private static List<Path> filesBelow(Path folder) {
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    try (Stream<Path> paths = Files.walk(folder)) {
      return paths.filter(Files::isRegularFile).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + folder, e);
    }
  }

  private static byte[] read(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }
}
