package org.cnngrader.reference;

import java.util.List;
import org.cnngrader.layer.Layer;

/** The reference of every layer the grader knows. */
public final class LayerReferences {

  private static final List<LayerReference> ALL =
      List.of(
          Conv2dReference.INSTANCE,
          MaxPool2dReference.INSTANCE,
          SpatialGroupNormReference.INSTANCE,
          SpatialBatchNormReference.INSTANCE);

  private LayerReferences() {}

  public static LayerReference of(Layer layer) {
    return ALL.stream()
        .filter(r -> r.layer().equals(layer))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no reference for layer " + layer.id()));
  }
}
