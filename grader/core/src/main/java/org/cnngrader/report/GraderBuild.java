package org.cnngrader.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * The grader's own version, as the build recorded it, and a fingerprint of its code: a SNAPSHOT
 * version names many builds, the fingerprint one.
 */
public final class GraderBuild {

  private static volatile String version;

  private GraderBuild() {}

  /**
   * SHA-256 over the code that {@code anchors} were loaded from (a jar's bytes, or every file of a
   * classes folder in name order), in the order given.
   */
  public static String fingerprint(Class<?>... anchors) {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
    for (Class<?> anchor : anchors) {
      try {
        Path location = Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
        if (Files.isDirectory(location)) {
          try (Stream<Path> files = Files.walk(location)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
              digest.update(location.relativize(file).toString().getBytes(StandardCharsets.UTF_8));
              digest.update(Files.readAllBytes(file));
            }
          }
        } else {
          digest.update(Files.readAllBytes(location));
        }
      } catch (IOException | URISyntaxException | RuntimeException e) {
        throw new IllegalStateException("cannot read the grader's code of " + anchor, e);
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  /** The version as the build recorded it; read once, since every submission's files give it. */
  public static String version() {
    String known = version;
    if (known == null) {
      known = readVersion();
      version = known;
    }
    return known;
  }

  private static String readVersion() {
    Properties properties = new Properties();
    try (InputStream in = GraderBuild.class.getResourceAsStream("grader.properties")) {
      if (in == null) {
        return "unknown";
      }
      properties.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return properties.getProperty("version", "unknown");
  }
}
