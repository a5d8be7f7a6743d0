package org.cnngrader.layers.described;

import java.util.List;
import java.util.Map;
import org.cnngrader.layer.KnownMistake;

/**
 * A known mistake of a described layer: its key and brief, the lesson's sentence with {@code
 * {symbol}} placeholders, and the wrong shapes it gives outputs (output key to dimensions; empty
 * when it keeps every shape).
 */
public record FileMistake(String key, String brief, String sentence, Map<String, List<Dim>> shapes)
    implements KnownMistake {

  public FileMistake {
    shapes = Map.copyOf(shapes);
  }
}
