package org.cnngrader.layers.maxpool2d;

import org.cnngrader.layer.KnownMistake;

/** The typical mistakes of a max-pooling layer that the grader recognizes. */
public enum MaxPool2dMistake implements KnownMistake {
  /** Each window's mean instead of its maximum, and dx spread evenly as average pooling does. */
  AVERAGE_INSTEAD_OF_MAX("average-instead-of-max", "averages each window"),
  /** The window moves one step at a time, whatever the stride. */
  STRIDE_IGNORED("stride-ignored", "ignores the stride"),
  /** The window is pool_height wide as well as high. */
  WINDOW_HEIGHT_FOR_WIDTH("window-height-for-width", "uses the window's height for its width"),
  /** Where windows overlap, each window's gradient replaces the one before instead of adding up. */
  DX_ASSIGNED_NOT_ADDED("dx-assigned-not-added", "assigns dx instead of adding to it"),
  /** dout goes to every element of its window, not only to the maximum. */
  DOUT_SPREAD_OVER_WINDOW("dout-spread-over-window", "spreads dout over the whole window"),
  /** The maximum gets dout divided by the window's size. */
  DOUT_DIVIDED_BY_WINDOW_SIZE("dout-divided-by-window-size", "divides dout by the window's size"),
  /** A 2x2 window that moves 2 steps, whatever pool_height, pool_width and stride say. */
  FIXED_2X2_STRIDE_2(
      "fixed-2x2-stride-2", "uses a 2x2 window with stride 2 whatever the parameters"),
  /**
   * Each maximum starts at Double.MIN_VALUE, the smallest positive double: a window of negative
   * values gives 4.9e-324, and none of its elements gets the gradient.
   */
  MAX_STARTS_AT_MIN_VALUE("max-starts-at-min-value", "starts each maximum at Double.MIN_VALUE");

  private final String key;
  private final String brief;

  MaxPool2dMistake(String key, String brief) {
    this.key = key;
    this.brief = brief;
  }

  @Override
  public String brief() {
    return brief;
  }

  @Override
  public String key() {
    return key;
  }
}
