package org.cnngrader.intake;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Extracts a submission's zip without trusting it: no entry may leave the target folder (no {@code
 * ..}, no absolute path, no drive letter), the number of files and the bytes actually written are
 * capped (a zip bomb's headers may lie). Every entry becomes a plain file: an entry that was a
 * symbolic link holds its target's path as text and points nowhere.
 */
public final class SafeUnzip {

  /** The caps: at most {@code maxFiles} files and {@code maxBytes} bytes once extracted. */
  public record Caps(int maxFiles, long maxBytes) {
    public static final Caps DEFAULT = new Caps(2_000, 50L * 1024 * 1024);

    public Caps {
      if (maxFiles < 1 || maxBytes < 1) {
        throw new IllegalArgumentException("caps must be positive: " + maxFiles + ", " + maxBytes);
      }
    }
  }

  private SafeUnzip() {}

  /**
   * Extracts {@code zip} into {@code target} (created if missing).
   *
   * @throws IntakeException for an archive that is unreadable, unsafe or too large; the message
   *     names the archive and the entry
   */
  public static void extract(Path zip, Path target, Caps caps) throws IntakeException, IOException {
    Files.createDirectories(target);
    Path root = target.toAbsolutePath().normalize();
    String name = zip.getFileName().toString();
    int files = 0;
    long bytes = 0;
    try (ZipFile archive = new ZipFile(zip.toFile())) {
      Enumeration<? extends ZipEntry> entries = archive.entries();
      while (entries.hasMoreElements()) {
        ZipEntry entry = entries.nextElement();
        if (entry.isDirectory()) {
          continue;
        }
        Path destination = destination(root, name, entry.getName());
        if (++files > caps.maxFiles()) {
          throw new IntakeException(
              name + " holds more than " + caps.maxFiles() + " files; hand in your sources only");
        }
        Files.createDirectories(destination.getParent());
        try (InputStream in = archive.getInputStream(entry);
            OutputStream out = Files.newOutputStream(destination)) {
          bytes += copy(in, out, caps.maxBytes() - bytes, name);
        }
      }
    } catch (ZipException e) {
      throw new IntakeException(name + " is not a readable zip file (" + e.getMessage() + ")", e);
    }
  }

  /** Where an entry goes, or an exception when its name would leave the target folder. */
  private static Path destination(Path root, String zip, String entryName) throws IntakeException {
    String normalized = entryName.replace('\\', '/');
    if (normalized.startsWith("/") || normalized.matches("^[A-Za-z]:.*") || normalized.isEmpty()) {
      throw new IntakeException(zip + ": the entry " + entryName + " has an absolute path");
    }
    Path destination = root.resolve(normalized).normalize();
    if (!destination.startsWith(root) || destination.equals(root)) {
      throw new IntakeException(
          zip + ": the entry " + entryName + " points outside the folder it is extracted to");
    }
    return destination;
  }

  /** Copies at most {@code budget} bytes; more is a zip bomb or not a submission. */
  private static long copy(InputStream in, OutputStream out, long budget, String zip)
      throws IOException, IntakeException {
    byte[] buffer = new byte[64 * 1024];
    long copied = 0;
    for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
      copied += read;
      if (copied > budget) {
        throw new IntakeException(
            zip + " holds more than it may once extracted; hand in your sources only");
      }
      out.write(buffer, 0, read);
    }
    return copied;
  }
}
