package org.cnngrader.gradescope;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.cnngrader.files.FileTrees;

/**
 * Writes a zip whose bytes depend only on its files: entries in the order given (each folder just
 * before its first file), one fixed time on every entry, and Unix modes, so that the scripts unzip
 * executable. The zip appears whole or not at all: it is written beside the target, then renamed.
 *
 * <p>The JDK's zip file system is the writer: of the JDK's zip writers it alone records Unix modes.
 * It writes entries in the order they were created, which the bundle's tests check.
 */
final class ReproducibleZip {

  /**
   * Every entry's time. The zip's DOS time fields are in local time, so zips made in different time
   * zones differ there.
   */
  static final FileTime TIME = FileTime.from(Instant.parse("2000-01-01T00:00:00Z"));

  private static final Set<PosixFilePermission> SCRIPT =
      PosixFilePermissions.fromString("rwxr-xr-x");
  private static final Set<PosixFilePermission> FOLDER = SCRIPT;
  private static final Set<PosixFilePermission> DATA = PosixFilePermissions.fromString("rw-r--r--");

  private ReproducibleZip() {}

  static void write(List<BundleFile> files, Path target) throws IOException {
    Path absolute = target.toAbsolutePath();
    Path temporary = Files.createTempDirectory(absolute.getParent(), ".autograder-");
    try {
      Path zip = temporary.resolve("bundle.zip");
      try (FileSystem zipFs =
          FileSystems.newFileSystem(
              zip, Map.of("create", "true", "enablePosixFileAttributes", "true"))) {
        Set<String> written = new HashSet<>();
        for (BundleFile file : files) {
          if (!written.add(file.path())) {
            throw new IllegalArgumentException("the bundle holds [" + file.path() + "] twice");
          }
          Path entry = zipFs.getPath(file.path());
          createFolders(entry.getParent());
          try (InputStream in = file.contents().open()) {
            Files.copy(in, entry);
          }
          stamp(entry, file.executable() ? SCRIPT : DATA);
        }
      }
      Files.move(
          zip, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      FileTrees.delete(temporary);
    }
  }

  private static void createFolders(Path folder) throws IOException {
    if (folder == null || Files.isDirectory(folder)) {
      return;
    }
    createFolders(folder.getParent());
    Files.createDirectory(folder);
    stamp(folder, FOLDER);
  }

  private static void stamp(Path entry, Set<PosixFilePermission> mode) throws IOException {
    // All three times: left unset, the access time would be now.
    Files.getFileAttributeView(entry, BasicFileAttributeView.class).setTimes(TIME, TIME, TIME);
    Files.setPosixFilePermissions(entry, mode);
  }
}
