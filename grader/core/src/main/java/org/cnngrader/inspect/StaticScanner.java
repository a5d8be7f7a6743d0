package org.cnngrader.inspect;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Scans the compiled classes of a submission for uses of members that a convolution layer has no
 * reason to make (see {@link FindingKind}). The classes are read, never loaded or run.
 */
public final class StaticScanner {

  private StaticScanner() {}

  /**
   * The findings in every {@code .class} file below {@code classesRoot} ({@code module-info.class}
   * aside), sorted by class, line, method and member; the same use twice on one line is one
   * finding.
   *
   * @throws IOException when the folder cannot be walked or a class file cannot be read or parsed;
   *     the message names the file
   */
  public static List<Finding> scan(Path classesRoot) throws IOException {
    List<ParsedClass> classes = new ArrayList<>();
    for (Path file : classFiles(classesRoot)) {
      classes.add(ParsedClass.read(file));
    }
    Map<String, String> superclasses = new HashMap<>();
    for (ParsedClass parsed : classes) {
      if (parsed.reader().getSuperName() != null) {
        superclasses.put(parsed.reader().getClassName(), parsed.reader().getSuperName());
      }
    }
    Hierarchy hierarchy = new Hierarchy(superclasses);
    NavigableSet<Finding> findings = new TreeSet<>();
    for (ParsedClass parsed : classes) {
      parsed.accept(new ClassInspector(hierarchy, findings::add));
    }
    return List.copyOf(findings);
  }

  private static List<Path> classFiles(Path root) throws IOException {
    if (!Files.isDirectory(root)) {
      throw new NotDirectoryException(root.toString());
    }
    try (Stream<Path> paths = Files.walk(root)) {
      return paths
          .filter(Files::isRegularFile)
          .filter(path -> path.getFileName().toString().endsWith(".class"))
          .filter(path -> !path.getFileName().toString().equals("module-info.class"))
          .sorted(Comparator.comparing(Path::toString))
          .toList();
    }
  }
}
