package org.cnngrader.resources;

import java.util.Locale;

/**
 * Whether one resource of a child was bounded in a grading run, and how: for the provenance, the
 * TA-facing report and the warnings on stderr.
 *
 * @param resource what is bounded
 * @param held whether the bound held on this machine at this level
 * @param how what bounded it, or why nothing could, in one line
 */
public record ResourceBound(Resource resource, boolean held, String how) {

  /** The resources a child can take. */
  public enum Resource {
    MEMORY("memory"),
    TEMPORARY_SPACE("temporary space"),
    CPU_TIME("CPU time"),
    CPU_SHARE("CPU share"),
    PROCESSES("threads and processes");

    private final String words;

    Resource(String words) {
      this.words = words;
    }

    /** The resource's name in a sentence. */
    public String words() {
      return words;
    }

    /** The key in provenance.json. */
    public String key() {
      return words.toLowerCase(Locale.ROOT).replace(' ', '_');
    }
  }

  public ResourceBound {
    if (resource == null || how == null || how.isBlank()) {
      throw new IllegalArgumentException("a resource bound needs a resource and how it held");
    }
  }

  public static ResourceBound held(Resource resource, String how) {
    return new ResourceBound(resource, true, how);
  }

  public static ResourceBound unbounded(Resource resource, String why) {
    return new ResourceBound(resource, false, why);
  }
}
