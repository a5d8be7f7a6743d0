package org.cnngrader.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.tools.ToolProvider;

/** Compiles small Java sources for the tests, as the grader compiles a submission. */
final class JavaSources {

  private JavaSources() {}

  /**
   * Writes {@code sources} (relative path to text) below {@code folder}/sources and compiles them
   * into {@code folder}/classes, which it returns; a compile error fails the test.
   */
  static Path compile(Path folder, Map<String, String> sources) throws IOException {
    Path sourceRoot = folder.resolve("sources");
    Path classes = Files.createDirectories(folder.resolve("classes"));
    List<String> arguments =
        new ArrayList<>(
            List.of(
                "--release",
                "17",
                "-proc:none",
                "-Xlint:none",
                "-nowarn",
                "-d",
                classes.toString()));
    for (Map.Entry<String, String> source : sources.entrySet()) {
      Path file = sourceRoot.resolve(source.getKey());
      Files.createDirectories(file.getParent());
      Files.writeString(file, source.getValue(), StandardCharsets.UTF_8);
      arguments.add(file.toString());
    }
    ByteArrayOutputStream messages = new ByteArrayOutputStream();
    int status =
        ToolProvider.getSystemJavaCompiler()
            .run(null, messages, messages, arguments.toArray(String[]::new));
    assertThat(status).as("javac: %s", messages.toString(StandardCharsets.UTF_8)).isZero();
    return classes;
  }

  /** The 1-based number of the first line of {@code source} that contains {@code text}. */
  static int lineOf(String source, String text) {
    List<String> lines = source.lines().toList();
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains(text)) {
        return i + 1;
      }
    }
    throw new IllegalArgumentException("no line contains " + text);
  }
}
