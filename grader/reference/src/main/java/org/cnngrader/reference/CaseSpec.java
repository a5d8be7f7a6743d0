package org.cnngrader.reference;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;
import org.cnngrader.fixture.Visibility;
import org.cnngrader.layers.conv2d.ConvGeometry;
import org.cnngrader.layers.conv2d.ConvParams;

/**
 * One entry of the declarative case list: sizes, stride, pad, seed, and optionally how to fill a
 * tensor ({@code random}, the default; {@code arange}: 0, 1, 2, ...; {@code ones}; {@code zeros}).
 */
public record CaseSpec(
    String name,
    Visibility visibility,
    String description,
    ConvGeometry geometry,
    long seed,
    Map<String, Fill> fill) {

  /** How a tensor's values are chosen. */
  public enum Fill {
    RANDOM,
    ARANGE,
    ONES,
    ZEROS
  }

  public CaseSpec {
    if (!geometry.fits()) {
      throw new IllegalArgumentException(
          "case "
              + name
              + ": (H - HH + 2*pad) and (W - WW + 2*pad) must be multiples of the stride");
    }
    fill = Map.copyOf(fill == null ? Map.of() : fill);
    for (String tensor : fill.keySet()) {
      if (!tensor.matches("x|w|b|dout")) {
        throw new IllegalArgumentException(
            "case " + name + ": fill." + tensor + " is not an input (x, w, b, dout)");
      }
    }
  }

  @JsonCreator
  static CaseSpec fromJson(
      @JsonProperty(value = "name", required = true) String name,
      @JsonProperty(value = "visibility", required = true) String visibility,
      @JsonProperty("description") String description,
      @JsonProperty(value = "n", required = true) int n,
      @JsonProperty(value = "c", required = true) int c,
      @JsonProperty(value = "h", required = true) int h,
      @JsonProperty(value = "w", required = true) int w,
      @JsonProperty(value = "f", required = true) int f,
      @JsonProperty(value = "hh", required = true) int hh,
      @JsonProperty(value = "ww", required = true) int ww,
      @JsonProperty(value = "stride", required = true) int stride,
      @JsonProperty(value = "pad", required = true) int pad,
      @JsonProperty(value = "seed", required = true) long seed,
      @JsonProperty("fill") Map<String, String> fill) {
    Map<String, Fill> fills = new java.util.TreeMap<>();
    if (fill != null) {
      fill.forEach(
          (tensor, kind) ->
              fills.put(tensor, Fill.valueOf(kind.toUpperCase(java.util.Locale.ROOT))));
    }
    return new CaseSpec(
        name,
        Visibility.valueOf(visibility.toUpperCase(java.util.Locale.ROOT)),
        description,
        new ConvGeometry(n, c, h, w, f, hh, ww, new ConvParams(stride, pad)),
        seed,
        fills);
  }

  public Fill fillOf(String tensor) {
    return fill.getOrDefault(tensor, Fill.RANDOM);
  }
}
