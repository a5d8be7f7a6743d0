package org.cnngrader.handout;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * A file's content with every space, tab and line break left out, hashed: two files with the same
 * fingerprint differ at most in their layout, so a secret copied with other line endings or
 * re-indented is still recognised.
 */
record Fingerprint(String sha256) {

  Fingerprint {
    if (sha256 == null || !sha256.matches("[0-9a-f]{64}")) {
      throw new IllegalArgumentException("a fingerprint is 64 hex digits, found " + sha256);
    }
  }

  /** The content's fingerprint; none for content that is nothing but layout. */
  static Optional<Fingerprint> of(byte[] content) {
    MessageDigest digest = newDigest();
    boolean anything = false;
    for (byte b : content) {
      if (!isLayout(b)) {
        digest.update(b);
        anything = true;
      }
    }
    return anything
        ? Optional.of(new Fingerprint(HexFormat.of().formatHex(digest.digest())))
        : Optional.empty();
  }

  private static boolean isLayout(byte b) {
    return b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == '\f' || b == 0x0b;
  }

  private static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
