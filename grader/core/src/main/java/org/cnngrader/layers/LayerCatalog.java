package org.cnngrader.layers;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.cnngrader.layer.Layer;

/** The layers a fixtures root knows, by id, in order: the built-ins, then its described layers. */
public final class LayerCatalog {

  private final List<Layer> layers;

  LayerCatalog(List<Layer> layers) {
    this.layers = List.copyOf(layers);
  }

  public List<Layer> all() {
    return layers;
  }

  public Optional<Layer> byId(String id) {
    return layers.stream().filter(l -> l.id().equals(id)).findFirst();
  }

  /** "conv2d, maxpool2d". */
  public String ids() {
    return layers.stream().map(Layer::id).collect(Collectors.joining(", "));
  }

  /** The same layers with {@code layer} in place of the one of its id, or after them all. */
  public LayerCatalog with(Layer layer) {
    List<Layer> changed = new ArrayList<>(layers);
    for (int i = 0; i < changed.size(); i++) {
      if (changed.get(i).id().equals(layer.id())) {
        changed.set(i, layer);
        return new LayerCatalog(changed);
      }
    }
    changed.add(layer);
    return new LayerCatalog(changed);
  }

  @Override
  public String toString() {
    return ids();
  }
}
