package org.cnngrader.report;

/**
 * What is left of the bytes that one file's images may take, and whether one was left out for want
 * of it. Heat maps show the student's own values, so how well they compress is the student's doing:
 * without a budget, a report's size would grow with the number of failing parts times the largest
 * picture.
 */
final class ImageBudget {

  private int bytes;
  private boolean leftOut;

  ImageBudget(int bytes) {
    if (bytes < 0) {
      throw new IllegalArgumentException("an image budget must not be negative, found " + bytes);
    }
    this.bytes = bytes;
  }

  /** Whether pictures of {@code size} bytes still fit; if they do, they are counted. */
  boolean take(int size) {
    if (size > bytes) {
      leftOut = true;
      return false;
    }
    bytes -= size;
    return true;
  }

  /** Whether a picture was left out. */
  boolean leftOut() {
    return leftOut;
  }
}
