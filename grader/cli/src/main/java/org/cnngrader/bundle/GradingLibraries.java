package org.cnngrader.bundle;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.cnngrader.archive.ReproducibleZip;
import org.cnngrader.archive.ZipItem;
import org.cnngrader.grading.SubmissionGrader;
import org.cnngrader.runner.ChildMain;
import org.jsoup.Jsoup;
import org.objectweb.asm.ClassReader;
import org.yaml.snakeyaml.LoaderOptions;
import picocli.CommandLine;

/**
 * The libraries {@code grade} needs, and nothing of ND4J: each is found through a class it holds,
 * wherever the running grader loaded that class from. That is a jar of {@code lib/} when the
 * launcher runs the grader, and may be a build's classes folder when tests run it; a folder is
 * packed into a jar.
 *
 * <p>The list is the runtime class path of grader-core and the command line without
 * grader-reference. A library added to those and not here leaves the bundle's grader without it,
 * which the bundle's tests, grading from the bundle for real, would show.
 */
public final class GradingLibraries {

  /** One library: the name of its jar in the bundle, and a class it holds. */
  record Library(String name, Class<?> anchor) {}

  static final List<Library> ALL =
      List.of(
          new Library("grader-cli", GradingLibraries.class),
          new Library("grader-core", SubmissionGrader.class),
          new Library("grader-runner", ChildMain.class),
          new Library("picocli", CommandLine.class),
          new Library("jackson-databind", ObjectMapper.class),
          new Library("jackson-core", JsonFactory.class),
          new Library("jackson-annotations", JsonProperty.class),
          new Library("asm", ClassReader.class),
          new Library("jackson-dataformat-csv", CsvMapper.class),
          new Library("jackson-dataformat-yaml", YAMLFactory.class),
          new Library("snakeyaml", LoaderOptions.class),
          new Library("jsoup", Jsoup.class));

  private GradingLibraries() {}

  /** One bundle file per library, below {@code folder}, in the order of {@link #ALL}. */
  public static List<ZipItem> files(String folder) {
    Map<Path, String> seen = new HashMap<>();
    List<ZipItem> files = new ArrayList<>();
    for (Library library : ALL) {
      Path location = location(library);
      String other = seen.putIfAbsent(location, library.name());
      if (other != null) {
        throw new IllegalStateException(
            "libraries ["
                + other
                + "] and ["
                + library.name()
                + "] were both loaded from "
                + location
                + ": run the grader from its separate jars (grader/bin/grader)");
      }
      files.add(new ZipItem(folder + "/" + library.name() + ".jar", false, contents(location)));
    }
    return files;
  }

  private static Path location(Library library) {
    CodeSource source = library.anchor().getProtectionDomain().getCodeSource();
    if (source == null || source.getLocation() == null) {
      throw new IllegalStateException(
          "cannot tell where " + library.anchor().getName() + " was loaded from");
    }
    try {
      return Path.of(source.getLocation().toURI());
    } catch (URISyntaxException | IllegalArgumentException e) {
      throw new IllegalStateException(
          library.anchor().getName() + " was not loaded from a file: " + source.getLocation(), e);
    }
  }

  private static ZipItem.Contents contents(Path location) {
    if (Files.isDirectory(location)) {
      byte[] jar = jarOf(location);
      return () -> new ByteArrayInputStream(jar);
    }
    return () -> Files.newInputStream(location);
  }

  /** A jar of a classes folder: its files by name, written as every zip of the bundle is. */
  private static byte[] jarOf(Path folder) {
    try (Stream<Path> paths = Files.walk(folder)) {
      List<ZipItem> classes = new ArrayList<>();
      for (Path path :
          paths
              .filter(Files::isRegularFile)
              .sorted(Comparator.comparing(p -> folder.relativize(p).toString()))
              .toList()) {
        classes.add(
            new ZipItem(
                folder.relativize(path).toString().replace('\\', '/'),
                false,
                () -> Files.newInputStream(path)));
      }
      return ReproducibleZip.bytes(classes);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot pack " + folder + " into a jar", e);
    }
  }
}
