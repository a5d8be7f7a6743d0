package org.cnngrader.sandbox;

/** The level asked for does not work on this machine; the message says why. */
public final class SandboxUnavailableException extends Exception {

  private static final long serialVersionUID = 1L;

  public SandboxUnavailableException(String message) {
    super(message);
  }
}
