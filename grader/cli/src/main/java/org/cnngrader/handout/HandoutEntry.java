package org.cnngrader.handout;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One file of the handout: its path inside the zip ({@code /}-separated, relative, as a student
 * sees it after unzipping) and its bytes.
 */
// An array on purpose: it is copied in and out, and equals and hashCode compare contents.
@SuppressWarnings("ArrayRecordComponent")
public record HandoutEntry(String path, byte[] content) {

  public HandoutEntry {
    if (path == null || path.isEmpty()) {
      throw new IllegalArgumentException("a handout entry needs a path");
    }
    if (path.startsWith("/") || path.contains("\\") || path.contains(":")) {
      throw new IllegalArgumentException(
          "a handout entry's path must be relative and use '/', found [" + path + "]");
    }
    for (String segment : path.split("/", -1)) {
      if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
        throw new IllegalArgumentException(
            "a handout entry's path must not hold empty, '.' or '..' parts, found [" + path + "]");
      }
    }
    if (content == null) {
      throw new IllegalArgumentException("handout entry [" + path + "] needs content");
    }
    content = content.clone();
  }

  @Override
  public byte[] content() {
    return content.clone();
  }

  /** The path's folders and file name, each in lower case: what path rules look at. */
  Set<String> segmentsInLowerCase() {
    return Arrays.stream(path.toLowerCase(Locale.ROOT).split("/")).collect(Collectors.toSet());
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof HandoutEntry entry
        && path.equals(entry.path)
        && Arrays.equals(content, entry.content);
  }

  @Override
  public int hashCode() {
    return 31 * path.hashCode() + Arrays.hashCode(content);
  }

  @Override
  public String toString() {
    return "HandoutEntry[" + path + ", " + content.length + " bytes]";
  }
}
