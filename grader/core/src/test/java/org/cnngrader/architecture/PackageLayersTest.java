package org.cnngrader.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The grading core's packages in the order their dependencies flow: each may use those before it
 * and none after it. Comparison knows nothing of layers, a layer nothing of fixture files, reading
 * fixtures nothing of diagnosis or grading, and grading nothing of how feedback is worded or
 * reported.
 */
class PackageLayersTest {

  private static final List<String> ORDER =
      List.of(
          "tensor",
          "compare",
          "bounds",
          "layer",
          "layers",
          "fixture",
          "diagnosis",
          "grading",
          "feedback",
          "report");

  private static final Pattern IMPORT = Pattern.compile("^import org\\.cnngrader\\.([a-z]+)\\.");

  @Test
  void everyPackageUsesOnlyThoseBeforeIt() throws IOException {
    Path sources = Path.of("src/main/java/org/cnngrader");
    assertThat(sources).isDirectory();
    List<String> against = new ArrayList<>();
    int checked = 0;
    for (int level = 0; level < ORDER.size(); level++) {
      try (Stream<Path> files = Files.walk(sources.resolve(ORDER.get(level)))) {
        for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
          checked++;
          for (String line : Files.readAllLines(file)) {
            Matcher m = IMPORT.matcher(line);
            if (m.find() && ORDER.indexOf(m.group(1)) > level) {
              against.add(sources.relativize(file) + " imports " + m.group(1));
            }
          }
        }
      }
    }

    assertThat(checked).isGreaterThan(ORDER.size());
    assertThat(against).isEmpty();
  }
}
