package org.cnngrader.reference;

import java.util.List;
import java.util.Optional;
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
    return find(layer)
        .orElseThrow(() -> new IllegalArgumentException("no reference for layer " + layer.id()));
  }

  /**
   * The layer's Java reference; none for a layer described by a file, whose references come from
   * its PyTorch module.
   */
  public static Optional<LayerReference> find(Layer layer) {
    return ALL.stream().filter(r -> r.layer().equals(layer)).findFirst();
  }
}
