package org.cnngrader.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.ToolProvider;

/** Compiles a template for the tests with the JDK's compiler, and loads its classes. */
public final class Javac {

  /**
   * Every warning an error, the Javadoc's too: the template a TA hands out compiles cleanly under
   * the strictest settings a course's build may use. All but doclint's "missing" group, which in
   * JDK 17 reports each record component as having no comment, despite its param tag.
   */
  public static final List<String> STRICT =
      List.of("-Xlint:all", "-Xdoclint:all,-missing", "-Werror");

  private Javac() {}

  /** Writes {@code sources} below {@code folder}/src, as the template command lays them out. */
  public static Path write(Path folder, List<JavaSource> sources) throws IOException {
    Path root = folder.resolve("src/main/java");
    for (JavaSource source : sources) {
      Path file = root.resolve(source.path());
      Files.createDirectories(file.getParent());
      Files.writeString(file, source.text(), StandardCharsets.UTF_8);
    }
    return root;
  }

  /**
   * Compiles every .java file below {@code sourceRoot} into {@code classes} with {@code options}; a
   * message from the compiler fails the test with it.
   */
  public static URLClassLoader compile(Path sourceRoot, Path classes, List<String> options)
      throws IOException {
    Files.createDirectories(classes);
    List<String> arguments = new ArrayList<>(List.of("--release", "17", "-proc:none"));
    arguments.addAll(options);
    // The template needs nothing but the JDK: not the test's class path, whose jars may name
    // others in their manifests that do not exist.
    arguments.addAll(List.of("-classpath", classes.toString(), "-d", classes.toString()));
    try (Stream<Path> files = Files.walk(sourceRoot)) {
      files
          .filter(f -> f.toString().endsWith(".java"))
          .sorted()
          .forEach(f -> arguments.add(f.toString()));
    }
    ByteArrayOutputStream messages = new ByteArrayOutputStream();
    int status =
        ToolProvider.getSystemJavaCompiler()
            .run(null, messages, messages, arguments.toArray(String[]::new));
    assertThat(messages.toString(StandardCharsets.UTF_8)).as("javac's messages").isEmpty();
    assertThat(status).isZero();
    return new URLClassLoader(new URL[] {classes.toUri().toURL()}, Javac.class.getClassLoader());
  }
}
