package org.cnngrader.execution;

/**
 * What the student's code printed, capped: {@code text} holds the start, {@code discardedBytes} the
 * rest.
 */
public record CapturedOutput(String text, long discardedBytes) {

  public static final CapturedOutput NONE = new CapturedOutput("", 0);

  public boolean isEmpty() {
    return text.isEmpty() && discardedBytes == 0;
  }
}
