package org.cnngrader.layer;

/**
 * A typical mistake of a layer that the grader recognizes. A fixture stores, under {@link #key()},
 * what a layer with the mistake computes on its inputs where the mistake keeps the right shape;
 * mistakes that change a shape are recognized by the layer's output-size formula instead.
 */
public interface KnownMistake {

  /** The name under "mistakes" in fixture files, e.g. {@code flipped-kernel}. */
  String key();

  /** What a layer with the mistake does, after "which": {@code ignores the padding}. */
  String brief();
}
