package org.cnngrader.layers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.cnngrader.layer.Layer;
import org.cnngrader.layers.batchnorm.SpatialBatchNormLayer;
import org.cnngrader.layers.conv2d.Conv2dLayer;
import org.cnngrader.layers.described.LayerFile;
import org.cnngrader.layers.groupnorm.SpatialGroupNormLayer;
import org.cnngrader.layers.maxpool2d.MaxPool2dLayer;

/**
 * Where layers come from: the grader's built-ins, and the described layers of a fixtures root, one
 * per {@code <id>/layer.json} below it (see {@link LayerFile}). A described layer with a built-in's
 * id replaces the built-in for that root.
 */
public final class Layers {

  private static final LayerCatalog BUILT_IN =
      new LayerCatalog(
          List.of(
              Conv2dLayer.LAYER,
              MaxPool2dLayer.LAYER,
              SpatialGroupNormLayer.LAYER,
              SpatialBatchNormLayer.LAYER));

  /**
   * The catalogs read, by root, with the text of the files they were read from. Layers are compared
   * by identity (fixtures, points and runs are keyed by them), so a root whose files have not
   * changed gives the same layers every time it is asked.
   */
  private static final Map<Path, Read> READ = new ConcurrentHashMap<>();

  private record Read(List<String> texts, LayerCatalog catalog) {}

  private Layers() {}

  /** The grader's own layers, described in Java. */
  public static LayerCatalog builtIn() {
    return BUILT_IN;
  }

  /**
   * The layers of a fixtures root: the built-ins and every {@code <id>/layer.json} below it, by
   * folder name. A root that does not exist has the built-ins alone.
   *
   * @throws org.cnngrader.fixture.FixtureException naming the file and field of a wrong description
   */
  public static LayerCatalog in(Path root) {
    List<Path> files = descriptions(root);
    if (files.isEmpty()) {
      return BUILT_IN;
    }
    List<String> texts = new ArrayList<>();
    for (Path file : files) {
      try {
        texts.add(file.getFileName() + "\n" + file + "\n" + Files.readString(file));
      } catch (IOException e) {
        throw new org.cnngrader.fixture.FixtureException(
            file.toString(), null, "cannot be read: " + e.getMessage(), e);
      }
    }
    Path key = root.toAbsolutePath().normalize();
    Read known = READ.get(key);
    if (known != null && known.texts().equals(texts)) {
      return known.catalog();
    }
    LayerCatalog catalog = BUILT_IN;
    for (Path file : files) {
      Layer layer = LayerFile.read(file);
      catalog = catalog.with(layer);
    }
    READ.put(key, new Read(texts, catalog));
    return catalog;
  }

  /** The layer.json files of a root's folders, by folder name. */
  private static List<Path> descriptions(Path root) {
    if (root == null || !Files.isDirectory(root)) {
      return List.of();
    }
    try (Stream<Path> folders = Files.list(root)) {
      return folders
          .filter(Files::isDirectory)
          .sorted(Comparator.comparing(p -> p.getFileName().toString()))
          .map(folder -> folder.resolve(LayerFile.FILE))
          .filter(Files::isRegularFile)
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + root, e);
    }
  }
}
