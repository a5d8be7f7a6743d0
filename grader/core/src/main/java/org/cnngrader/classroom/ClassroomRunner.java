package org.cnngrader.classroom;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.cnngrader.layer.Layer;

/**
 * One layer as a runner of GitHub Classroom's grading reporter: the reporter's input {@code
 * runners} lists the ids, and it reads each runner's result from the environment variable {@code
 * <ID>_RESULTS}. The check writes the result to {@link #fileName()}, the workflow passes it on.
 *
 * @param id the layer's id without its underscores: the reporter words a bad {@code runners} input
 *     as "must be a comma-separated list" unless every id is letters and digits
 */
public record ClassroomRunner(String id, Layer layer) {

  public ClassroomRunner {
    if (id == null || !id.matches("[a-z0-9]+")) {
      throw new IllegalArgumentException(
          "a Classroom runner id is lower-case letters and digits, found [" + id + "]");
    }
  }

  public static ClassroomRunner of(Layer layer) {
    return new ClassroomRunner(
        layer.id().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", ""), layer);
  }

  /** A runner per layer, in the order given; two layers may not share an id. */
  public static List<ClassroomRunner> of(List<Layer> layers) {
    List<ClassroomRunner> runners = layers.stream().map(ClassroomRunner::of).toList();
    Set<String> ids = new HashSet<>();
    for (ClassroomRunner runner : runners) {
      if (!ids.add(runner.id())) {
        throw new IllegalArgumentException(
            "two layers would be the Classroom runner [" + runner.id() + "]");
      }
    }
    return runners;
  }

  /** The variable the reporter reads this runner's result from: {@code CONV2D_RESULTS}. */
  public String resultsVariable() {
    return id.toUpperCase(Locale.ROOT) + "_RESULTS";
  }

  /** The file of this runner's result: {@code conv2d.json}. */
  public String fileName() {
    return id + ".json";
  }
}
