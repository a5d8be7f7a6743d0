package org.cnngrader.layer;

import org.cnngrader.tensor.Shape;

/** A wrong shape that a known mistake gives a tensor, by the layer's output-size formula. */
public record ShapeCandidate(KnownMistake mistake, Shape shape) {}
