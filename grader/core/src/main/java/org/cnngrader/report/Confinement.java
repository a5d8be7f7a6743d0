package org.cnngrader.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.cnngrader.resources.ResourceBound;
import org.cnngrader.sandbox.Isolation;

/**
 * How a submission's student code was confined, as the run's index shows it: the sandbox level and
 * which of a child's resources were bounded. It comes from the run's {@link Isolation}, or from the
 * provenance.json an earlier run (a shard, or a run this one resumes) wrote, which may hold none.
 *
 * @param level the level's key (bwrap, user, process), empty when not recorded
 * @param levelNumber 1 for the strongest, 0 when not recorded
 * @param bounds each resource bounded or not, and how; empty when not recorded
 */
public record Confinement(String level, int levelNumber, List<ResourceBound> bounds) {

  /** For results written by a grader that recorded no confinement. */
  public static final Confinement NOT_RECORDED = new Confinement("", 0, List.of());

  public Confinement {
    if (level == null || levelNumber < 0) {
      throw new IllegalArgumentException("a confinement needs a level, empty when not recorded");
    }
    bounds = List.copyOf(bounds);
  }

  public static Confinement of(Isolation isolation) {
    return new Confinement(isolation.level().key(), isolation.level().number(), isolation.bounds());
  }

  /** Reads the {@code sandbox} object of a provenance.json; unknown resources are left out. */
  static Confinement fromProvenance(JsonNode provenance) {
    JsonNode sandbox = provenance.path("sandbox");
    if (!sandbox.path("level").isTextual()) {
      return NOT_RECORDED;
    }
    List<ResourceBound> bounds = new ArrayList<>();
    for (Map.Entry<String, JsonNode> bound : sandbox.path("bounds_per_child").properties()) {
      for (ResourceBound.Resource resource : ResourceBound.Resource.values()) {
        String how = bound.getValue().path("how").asText("");
        if (resource.key().equals(bound.getKey()) && !how.isBlank()) {
          bounds.add(
              new ResourceBound(resource, bound.getValue().path("held").asBoolean(false), how));
        }
      }
    }
    return new Confinement(
        sandbox.path("level").asText(), Math.max(0, sandbox.path("level_number").asInt(0)), bounds);
  }

  public boolean recorded() {
    return levelNumber > 0;
  }

  public List<ResourceBound> held() {
    return bounds.stream().filter(ResourceBound::held).toList();
  }

  public List<ResourceBound> unbounded() {
    return bounds.stream().filter(b -> !b.held()).toList();
  }
}
