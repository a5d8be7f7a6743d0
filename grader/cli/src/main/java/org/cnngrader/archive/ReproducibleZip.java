package org.cnngrader.archive;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;

/**
 * Writes zips whose bytes depend only on their items: entries in the order given, each folder just
 * before its first file, one fixed time on every entry, no extra fields, and Unix modes (scripts
 * and folders 755, other files 644), so that scripts unzip executable. The same items give the same
 * bytes on any machine, in any time zone, at any time.
 */
public final class ReproducibleZip {

  /**
   * Every entry's time, as a zip stores it: a local date and time with no zone. Written through the
   * default zone, it comes out as this wherever the zip is made.
   */
  public static final LocalDateTime ENTRY_TIME = LocalDateTime.of(1980, 2, 1, 0, 0);

  private static final int FILE = 0100644;
  private static final int SCRIPT = 0100755;
  private static final int FOLDER = 040755;

  private ReproducibleZip() {}

  /**
   * Writes {@code items} into {@code target}, whole or not at all: the zip is written beside it,
   * then renamed into place.
   */
  public static void write(List<ZipItem> items, Path target) throws IOException {
    Path absolute = target.toAbsolutePath().normalize();
    Path folder = absolute.getParent();
    Files.createDirectories(folder);
    Path temporary = Files.createTempFile(folder, "." + absolute.getFileName(), ".tmp");
    try {
      try (OutputStream out = Files.newOutputStream(temporary)) {
        writeTo(items, out);
      }
      moveIntoPlace(temporary, absolute);
    } finally {
      Files.deleteIfExists(temporary);
    }
  }

  /** The zip of {@code items}, in memory: a jar of a few classes. */
  public static byte[] bytes(List<ZipItem> items) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    writeTo(items, bytes);
    return bytes.toByteArray();
  }

  private static void writeTo(List<ZipItem> items, OutputStream target) throws IOException {
    long time = ENTRY_TIME.atZone(ZoneId.systemDefault()).toInstant().toEpochMilli();
    Set<String> written = new HashSet<>();
    try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(target)) {
      for (ZipItem item : items) {
        if (!written.add(item.path())) {
          throw new IllegalArgumentException("the zip holds [" + item.path() + "] twice");
        }
        for (int slash = item.path().indexOf('/');
            slash >= 0;
            slash = item.path().indexOf('/', slash + 1)) {
          String folder = item.path().substring(0, slash + 1);
          if (written.add(folder)) {
            zip.putArchiveEntry(entry(folder, FOLDER, time));
            zip.closeArchiveEntry();
          }
        }
        zip.putArchiveEntry(entry(item.path(), item.executable() ? SCRIPT : FILE, time));
        try (InputStream in = item.contents().open()) {
          in.transferTo(zip);
        }
        zip.closeArchiveEntry();
      }
    }
  }

  private static ZipArchiveEntry entry(String name, int mode, long time) {
    ZipArchiveEntry entry = new ZipArchiveEntry(name);
    entry.setTime(time);
    entry.setUnixMode(mode);
    return entry;
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
}
