package org.cnngrader.sandbox;

import java.nio.file.Path;
import java.util.List;
import org.cnngrader.resources.ResourceBound;

/**
 * What a grading run's student code was confined by, for the TA-facing provenance: the level, why
 * stronger levels were passed over, which secrets (hidden fixtures, outputs) it could still read,
 * and which of a child's resources were bounded, and how.
 */
public record Isolation(
    SandboxLevel level,
    String requested,
    boolean strict,
    boolean ownUser,
    List<String> passedOver,
    List<Path> readableSecrets,
    List<ResourceBound> bounds) {

  public Isolation {
    if (level == null) {
      throw new IllegalArgumentException("an isolation needs a level");
    }
    passedOver = List.copyOf(passedOver);
    readableSecrets = List.copyOf(readableSecrets);
    bounds = List.copyOf(bounds);
  }

  /** The bounds that did not hold. */
  public List<ResourceBound> unbounded() {
    return bounds.stream().filter(b -> !b.held()).toList();
  }

  /** Isolation with nothing passed over and no readable secret, e.g. for a student's own check. */
  public static Isolation of(SandboxLevel level) {
    return new Isolation(level, level.key(), false, false, List.of(), List.of(), List.of());
  }
}
