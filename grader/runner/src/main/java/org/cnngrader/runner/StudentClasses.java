package org.cnngrader.runner;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;

/**
 * The submission's compiled classes, loaded afresh for every case by a class loader of their own.
 * Static fields therefore start from their initial values in every case, so a case is graded as if
 * it ran alone; and the student's classes cannot see, or stand in for, the runner's classes, which
 * live in the application class loader that is not their parent.
 */
final class StudentClasses {

  private final URL location;
  private final String className;

  StudentClasses(Path folder, String className) throws MalformedURLException {
    this.location = folder.toUri().toURL();
    this.className = className;
  }

  /** A fresh loader and the layer found in it; close the loader once the case is done. */
  Loaded load() {
    URLClassLoader loader =
        new URLClassLoader(
            "submission", new URL[] {location}, ClassLoader.getPlatformClassLoader());
    return new Loaded(loader, StudentLayer.find(className, loader));
  }

  /** A loader and the layer found through it. */
  record Loaded(URLClassLoader loader, StudentLayer layer) implements AutoCloseable {
    @Override
    public void close() {
      try {
        loader.close();
      } catch (IOException e) {
        // Only open class files are released here; the next case uses a loader of its own.
      }
    }
  }
}
