package org.cnngrader.runner;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.stream.Stream;

/**
 * The submission's compiled classes, loaded by a class loader of their own, which is not the
 * runner's: the student's classes cannot see, or stand in for, the runner's classes. Classes that
 * hold static state are loaded afresh for every case, so that their static fields start from their
 * initial values and a case is graded as if it ran alone. Classes without any (no static field but
 * constants) have nothing a case could leave to the next, so one loader serves every case and the
 * JIT's work is not thrown away between cases.
 */
final class StudentClasses {

  private final Path folder;
  private final URL location;
  private Loaded shared;
  private boolean checked;

  StudentClasses(Path folder) throws MalformedURLException {
    this.folder = folder;
    this.location = folder.toUri().toURL();
  }

  /** The classes for a case, in a fresh loader unless they hold no state; close them after. */
  Loaded load() {
    if (shared != null) {
      return shared;
    }
    URLClassLoader loader =
        new URLClassLoader(
            "submission", new URL[] {location}, ClassLoader.getPlatformClassLoader());
    if (!checked) {
      checked = true;
      if (stateless(loader)) {
        shared = new Loaded(loader, true);
        return shared;
      }
    }
    return new Loaded(loader, false);
  }

  /**
   * Whether no class of the submission declares a static field other than a constant (a final
   * primitive or String); enums and arrays held in static finals count as state. Loading for the
   * check runs no static initializer.
   */
  private boolean stateless(ClassLoader loader) {
    List<Path> classFiles;
    try (Stream<Path> files = Files.walk(folder)) {
      classFiles = files.filter(p -> p.toString().endsWith(".class")).toList();
    } catch (IOException | UncheckedIOException e) {
      return false;
    }
    for (Path file : classFiles) {
      String relative = folder.relativize(file).toString();
      String name = relative.substring(0, relative.length() - ".class".length()).replace('/', '.');
      try {
        Class<?> type = Class.forName(name, false, loader);
        for (Field field : type.getDeclaredFields()) {
          int modifiers = field.getModifiers();
          boolean constant =
              Modifier.isFinal(modifiers)
                  && (field.getType().isPrimitive() || field.getType() == String.class);
          if (Modifier.isStatic(modifiers) && !constant) {
            return false;
          }
        }
      } catch (ClassNotFoundException | LinkageError | SecurityException e) {
        return false;
      }
    }
    return true;
  }

  /**
   * A loader and the layers found through it; {@code shared} when it serves every case and is never
   * closed.
   */
  static final class Loaded implements AutoCloseable {
    private final URLClassLoader loader;
    private final boolean shared;
    // By identity: the child's contracts are read once, and a record's generated hashCode would be
    // bootstrapped through method handles at every child's start.
    private final IdentityHashMap<LayerContract, StudentLayer> layers = new IdentityHashMap<>();

    Loaded(URLClassLoader loader, boolean shared) {
      this.loader = loader;
      this.shared = shared;
    }

    /** The class that {@code contract} describes, bound once per loader. */
    StudentLayer layer(LayerContract contract) {
      return layers.computeIfAbsent(contract, c -> StudentLayer.find(c, loader));
    }

    URLClassLoader loader() {
      return loader;
    }

    @Override
    public void close() {
      if (shared) {
        return;
      }
      try {
        loader.close();
      } catch (IOException e) {
        // Only open class files are released here; the next case uses a loader of its own.
      }
    }
  }
}
