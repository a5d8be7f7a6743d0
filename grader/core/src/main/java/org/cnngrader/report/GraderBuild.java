package org.cnngrader.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The grader's own version, as the build recorded it. */
public final class GraderBuild {

  private GraderBuild() {}

  public static String version() {
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
