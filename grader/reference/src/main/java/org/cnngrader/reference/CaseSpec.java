package org.cnngrader.reference;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.cnngrader.fixture.Visibility;
import org.cnngrader.layer.InvalidCase;
import org.cnngrader.layer.Layer;
import org.cnngrader.layer.Params;
import org.cnngrader.layer.TensorSpec;
import org.cnngrader.tensor.Shape;

/**
 * One entry of a layer's declarative case list: its parameters, its sizes (n, c, h, w, ...), a
 * seed, and optionally how to fill a tensor ({@code random}, the default; {@code arange}: 0, 1, 2,
 * ...; {@code ones}; {@code zeros}). A spec that exists fits the layer's output-size formula.
 */
public record CaseSpec(
    Layer layer,
    String name,
    Visibility visibility,
    String description,
    Params params,
    Map<String, Integer> sizes,
    long seed,
    Map<String, Fill> fill) {

  /**
   * How a tensor's values are chosen: drawn ({@code random}: in [-1, 1) with {@code decimals}
   * decimals), {@code arange} (0, 1, 2, ...), {@code ones}, {@code zeros}, {@code linspace FROM TO}
   * (evenly spaced from FROM to TO, as NumPy's linspace; CS231n's checks use it), or {@code normal
   * MEAN STD} (drawn from a normal distribution, with the same decimals; CS231n's normalization
   * checks use 5 * randn + 12, {@code normal 12 5}).
   */
  public record Fill(Kind kind, double from, double to) {

    /** The kinds of fill, by their names in case lists. */
    public enum Kind {
      RANDOM,
      ARANGE,
      ONES,
      ZEROS,
      LINSPACE,
      NORMAL
    }

    public static final Fill RANDOM = new Fill(Kind.RANDOM, 0, 0);

    /** "random", "ones", "linspace -0.3 0.4", "normal 12 5", ... */
    public static Fill parse(String text) {
      String[] words =
          java.util.regex.Pattern.compile("\\s+").splitAsStream(text.trim()).toArray(String[]::new);
      Kind kind;
      try {
        kind = Kind.valueOf(words[0].toUpperCase(java.util.Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "must be random, arange, ones, zeros, linspace FROM TO or normal MEAN STD, found \""
                + text
                + "\"");
      }
      if (kind == Kind.LINSPACE || kind == Kind.NORMAL) {
        String numbers = kind == Kind.LINSPACE ? "FROM and TO" : "MEAN and STD";
        String example = kind == Kind.LINSPACE ? "linspace -0.3 0.4" : "normal 12 5";
        if (words.length != 3) {
          throw new IllegalArgumentException(
              words[0]
                  + " needs "
                  + numbers
                  + ", e.g. \""
                  + example
                  + "\", found \""
                  + text
                  + "\"");
        }
        try {
          return new Fill(kind, Double.parseDouble(words[1]), Double.parseDouble(words[2]));
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException(
              words[0] + "'s " + numbers + " must be numbers: " + text);
        }
      }
      if (words.length != 1) {
        throw new IllegalArgumentException(words[0] + " takes no numbers, found \"" + text + "\"");
      }
      return new Fill(kind, 0, 0);
    }
  }

  public CaseSpec {
    sizes = Collections.unmodifiableMap(new LinkedHashMap<>(sizes));
    fill = Collections.unmodifiableMap(new TreeMap<>(fill == null ? Map.of() : fill));
    for (String tensor : fill.keySet()) {
      if (layer.inputs().stream().noneMatch(t -> t.key().equals(tensor))) {
        throw new IllegalArgumentException(
            "case "
                + name
                + ": fill."
                + tensor
                + " is not an input ("
                + String.join(", ", layer.inputs().stream().map(TensorSpec::key).toList())
                + ")");
      }
    }
    try {
      layer.shapes(params, LayerReferences.of(layer).inputShapes(params, sizes));
    } catch (InvalidCase e) {
      throw new IllegalArgumentException("case " + name + ": " + e.getMessage(), e);
    }
  }

  public Fill fillOf(String tensor) {
    return fill.getOrDefault(tensor, Fill.RANDOM);
  }

  /** The shapes of the case's inputs. */
  public Map<String, Shape> inputShapes() {
    return LayerReferences.of(layer).inputShapes(params, sizes);
  }
}
