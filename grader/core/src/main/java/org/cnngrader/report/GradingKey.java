package org.cnngrader.report;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * What a submission's grade depends on, each part as a SHA-256: the submission's content, the
 * grader's code, the fixture set, and every option that changes grades. A result stored under the
 * same key would come out the same if graded again, so a rerun may keep it.
 */
public record GradingKey(String submission, String build, String fixtures, String options) {

  public GradingKey {
    requireDigest("submission", submission);
    requireDigest("build", build);
    requireDigest("fixtures", fixtures);
    requireDigest("options", options);
  }

  /** The key as one SHA-256 of its parts. */
  public String value() {
    return sha256(
        "submission="
            + submission
            + "\nbuild="
            + build
            + "\nfixtures="
            + fixtures
            + "\noptions="
            + options
            + "\n");
  }

  public static String sha256(String text) {
    return sha256(text.getBytes(StandardCharsets.UTF_8));
  }

  public static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }

  private static void requireDigest(String field, String value) {
    if (value == null || !value.matches("[0-9a-f]{64}")) {
      throw new IllegalArgumentException(
          field + " must be a SHA-256 in 64 lowercase hex digits, found [" + value + "]");
    }
  }
}
