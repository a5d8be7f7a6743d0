package org.cnngrader.resources;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Finding the small system programs that children are started through. */
public final class Programs {

  private static final List<String> SYSTEM_FOLDERS =
      List.of("/usr/bin", "/bin", "/usr/sbin", "/sbin", "/usr/local/bin");

  private Programs() {}

  /** The program {@code name} on the PATH or in the usual system folders. */
  public static Optional<Path> find(String name) {
    Set<String> folders = new LinkedHashSet<>();
    String path = System.getenv("PATH");
    if (path != null) {
      folders.addAll(List.of(path.split(File.pathSeparator)));
    }
    folders.addAll(SYSTEM_FOLDERS);
    for (String folder : folders) {
      if (folder.isEmpty()) {
        continue;
      }
      Path candidate = Path.of(folder, name);
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }
}
