package org.cnngrader.cli;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A zip's central directory read byte by byte, as unzip reads it, apart from the code that wrote
 * it: the entries in their order, with the Unix mode unzip gives each file.
 */
final class ZipListing {

  /** One entry: its name, and its Unix mode where the zip records one (else -1). */
  record Entry(String name, int mode) {

    boolean executable() {
      return mode != -1 && (mode & 0111) == 0111;
    }
  }

  private static final int END_SIGNATURE = 0x06054b50;
  private static final int ENTRY_SIGNATURE = 0x02014b50;
  private static final int UNIX = 3;

  private ZipListing() {}

  static List<Entry> read(Path zip) throws IOException {
    ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(zip)).order(ByteOrder.LITTLE_ENDIAN);
    int end = bytes.limit() - 22;
    while (end >= 0 && bytes.getInt(end) != END_SIGNATURE) {
      end--;
    }
    if (end < 0) {
      throw new IOException(zip + " has no end of central directory");
    }
    int count = Short.toUnsignedInt(bytes.getShort(end + 10));
    int at = bytes.getInt(end + 16);
    List<Entry> entries = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      if (bytes.getInt(at) != ENTRY_SIGNATURE) {
        throw new IOException(zip + ": no central directory entry at " + at);
      }
      int madeBy = Short.toUnsignedInt(bytes.getShort(at + 4)) >> 8;
      int nameLength = Short.toUnsignedInt(bytes.getShort(at + 28));
      int extraLength = Short.toUnsignedInt(bytes.getShort(at + 30));
      int commentLength = Short.toUnsignedInt(bytes.getShort(at + 32));
      int external = bytes.getInt(at + 38);
      byte[] name = new byte[nameLength];
      bytes.get(at + 46, name);
      entries.add(
          new Entry(
              new String(name, StandardCharsets.UTF_8),
              madeBy == UNIX ? (external >>> 16) & 07777 : -1));
      at += 46 + nameLength + extraLength + commentLength;
    }
    return entries;
  }
}
