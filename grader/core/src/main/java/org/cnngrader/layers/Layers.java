package org.cnngrader.layers;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.cnngrader.layer.Layer;
import org.cnngrader.layers.batchnorm.SpatialBatchNormLayer;
import org.cnngrader.layers.conv2d.Conv2dLayer;
import org.cnngrader.layers.groupnorm.SpatialGroupNormLayer;
import org.cnngrader.layers.maxpool2d.MaxPool2dLayer;

/** The layers the grader knows, by id. */
public final class Layers {

  private static final List<Layer> ALL =
      List.of(
          Conv2dLayer.LAYER,
          MaxPool2dLayer.LAYER,
          SpatialGroupNormLayer.LAYER,
          SpatialBatchNormLayer.LAYER);

  private Layers() {}

  public static List<Layer> all() {
    return ALL;
  }

  public static Optional<Layer> byId(String id) {
    return ALL.stream().filter(l -> l.id().equals(id)).findFirst();
  }

  /** "conv2d, maxpool2d". */
  public static String ids() {
    return ALL.stream().map(Layer::id).collect(Collectors.joining(", "));
  }
}
