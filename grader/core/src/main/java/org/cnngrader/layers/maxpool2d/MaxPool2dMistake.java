package org.cnngrader.layers.maxpool2d;

import org.cnngrader.layer.KnownMistake;

/** The typical mistakes of a max-pooling layer that the grader recognizes. */
public enum MaxPool2dMistake implements KnownMistake {
  /** Each window's mean instead of its maximum, and dx spread evenly as average pooling does. */
  AVERAGE_INSTEAD_OF_MAX("average-instead-of-max"),
  /** The window moves one step at a time, whatever the stride. */
  STRIDE_IGNORED("stride-ignored"),
  /** The window is pool_height wide as well as high. */
  WINDOW_HEIGHT_FOR_WIDTH("window-height-for-width"),
  /** Where windows overlap, each window's gradient replaces the one before instead of adding up. */
  DX_ASSIGNED_NOT_ADDED("dx-assigned-not-added"),
  /** dout goes to every element of its window, not only to the maximum. */
  DOUT_SPREAD_OVER_WINDOW("dout-spread-over-window"),
  /** The maximum gets dout divided by the window's size. */
  DOUT_DIVIDED_BY_WINDOW_SIZE("dout-divided-by-window-size");

  private final String key;

  MaxPool2dMistake(String key) {
    this.key = key;
  }

  @Override
  public String key() {
    return key;
  }
}
