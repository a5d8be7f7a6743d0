package org.cnngrader.handout;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.LocalDateTime;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes entries into a zip whose bytes depend on nothing but the entries (and the JDK's deflater):
 * entries sorted by path, every one with the same time, no extra fields. The zip is written to a
 * temporary file beside the target and then renamed into place, so that the target is never seen
 * half-written.
 */
final class ReproducibleZip {

  /**
   * Every entry's time. A time given as a local date-time is stored as is, with no time zone and no
   * extended-timestamp field, so the bytes are the same wherever the zip is made.
   */
  static final LocalDateTime ENTRY_TIME = LocalDateTime.of(1980, 2, 1, 0, 0);

  private ReproducibleZip() {}

  static void write(List<HandoutEntry> entries, Path zip) throws IOException {
    Path target = zip.toAbsolutePath().normalize();
    Path folder = target.getParent();
    Files.createDirectories(folder);
    Path temporary = folder.resolve("." + target.getFileName() + "." + randomSuffix() + ".tmp");
    try {
      try (OutputStream file =
              Files.newOutputStream(
                  temporary, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
          ZipOutputStream out = new ZipOutputStream(file)) {
        for (HandoutEntry entry :
            entries.stream().sorted(Comparator.comparing(HandoutEntry::path)).toList()) {
          ZipEntry zipEntry = new ZipEntry(entry.path());
          zipEntry.setTimeLocal(ENTRY_TIME);
          out.putNextEntry(zipEntry);
          out.write(entry.content());
          out.closeEntry();
        }
      }
      moveIntoPlace(temporary, target);
    } finally {
      Files.deleteIfExists(temporary);
    }
  }

  private static void moveIntoPlace(Path temporary, Path target) throws IOException {
    try {
      Files.move(
          temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      // Same folder, so this is rare (some network file systems); a plain replace is the best left.
      Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static String randomSuffix() {
    byte[] bytes = new byte[6];
    new SecureRandom().nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }
}
